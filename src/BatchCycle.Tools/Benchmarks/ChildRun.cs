using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace BatchCycle.Benchmarks;

/// <summary>
/// Runs the program's own <c>run</c> verb in a child process, as a user would, and measures its wall time and peak
/// memory. The peak is the kernel's high-water mark of resident memory (<c>VmHWM</c> in <c>/proc/&lt;pid&gt;/status</c>),
/// read while the child runs; the child's own children (Chromium printing certificates) are polled for their
/// resident memory, and the largest sum seen is reported beside it.
/// </summary>
public static class ChildRun
{
    public sealed record Result(int ExitCode, double WallSeconds, double PeakMegabytes, double ChildrenPeakMegabytes, double? RunSeconds, IReadOnlyList<StageTime> Stages, string StdErr);

    public sealed record StageTime(string Name, string State, double? Seconds);

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(50);

    public static async Task<Result> RunAsync(string programDll, string workingDirectory, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> args, string summaryPath, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(programDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        long peakKb = 0, childrenPeakKb = 0;
        while (!process.HasExited)
        {
            peakKb = Math.Max(peakKb, StatusKb(process.Id, "VmHWM:"));
            childrenPeakKb = Math.Max(childrenPeakKb, Descendants(process.Id).Sum(pid => StatusKb(pid, "VmRSS:")));
            try
            {
                await process.WaitForExitAsync(cancellationToken).WaitAsync(PollEvery, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Still running: poll again.
            }
        }

        clock.Stop();
        await stdout;
        var errors = await stderr;
        var (runSeconds, stages) = File.Exists(summaryPath) ? ReadSummary(summaryPath) : (null, []);
        return new Result(process.ExitCode, clock.Elapsed.TotalSeconds, peakKb / 1024.0, childrenPeakKb / 1024.0, runSeconds, stages, errors);
    }

    /// <summary>A field of <c>/proc/&lt;pid&gt;/status</c> in kB; 0 once the process is gone (or off Linux).</summary>
    private static long StatusKb(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process ended between two polls.
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours to read.
        }

        return 0;
    }

    private static List<int> Descendants(int pid)
    {
        var found = new List<int>();
        var pending = new Queue<int>([pid]);
        while (pending.TryDequeue(out var parent))
        {
            foreach (var child in Children(parent))
            {
                found.Add(child);
                pending.Enqueue(child);
            }
        }

        return found;
    }

    private static IEnumerable<int> Children(int pid)
    {
        var list = new List<int>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                var text = File.ReadAllText(Path.Combine(task, "children"));
                list.AddRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)));
            }
        }
        catch (IOException)
        {
            // The process or a thread ended while it was read.
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours to read.
        }

        return list;
    }

    private static (double? Seconds, IReadOnlyList<StageTime> Stages) ReadSummary(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var stages = root.GetProperty("stages").EnumerateArray()
            .Select(s => new StageTime(
                s.GetProperty("name").GetString()!,
                s.GetProperty("state").GetString()!,
                s.GetProperty("seconds").ValueKind == JsonValueKind.Number ? s.GetProperty("seconds").GetDouble() : null))
            .ToList();
        var seconds = root.GetProperty("seconds").ValueKind == JsonValueKind.Number ? root.GetProperty("seconds").GetDouble() : (double?)null;
        return (seconds, stages);
    }
}
