using System.IO.Compression;
using BatchCycle.Runs;
using BatchCycle.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Dashboard.Runs;

/// <summary>
/// All of a run's files in one zip, written straight into the response one file at a time, so that a run of
/// thousands of certificates is downloaded in constant memory. Only the files the pipeline recorded are put in,
/// each checked as a single download is (<see cref="RunFiles.OpenAsync"/>); one that no longer matches its record
/// is left out.
/// </summary>
public static class RunArchive
{
    public static async Task<IResult> DownloadAsync(long id, DashboardOptions options, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        await using var db = options.Database.Open();
        if (await RunViews.FindAsync(db, id, cancellationToken) is not { } run)
        {
            return Results.NotFound();
        }

        var paths = await db.Set<RunOutputFile>().AsNoTracking().Where(f => f.RunId == id).OrderBy(f => f.RelativePath).Select(f => f.RelativePath).ToListAsync(cancellationToken);
        // The zip writer still writes its small headers synchronously into a stream it cannot seek; those few
        // writes are allowed, the contents go through the asynchronous path.
        if (context.Features.Get<IHttpBodyControlFeature>() is { } body)
        {
            body.AllowSynchronousIO = true;
        }

        context.Response.ContentType = "application/zip";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"run-{id}.zip\"";
        await using var zip = await ZipArchive.CreateAsync(context.Response.Body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        foreach (var path in paths)
        {
            if (await RunFiles.OpenAsync(db, run, path, cancellationToken) is not { } file)
            {
                continue;
            }

            await using (file.Content)
            {
                // Certificates and workbooks are compressed already; the fastest level spends no time on them.
                var entry = zip.CreateEntry(path, CompressionLevel.Fastest);
                await using var target = await entry.OpenAsync(cancellationToken);
                await file.Content.CopyToAsync(target, cancellationToken);
            }
        }

        return Results.Empty;
    }
}

/// <summary>A kind of a run's files, by the folder the pipeline writes them to (docs/outputs.md).</summary>
public sealed record RunFileGroup(string Folder, string Name);

public static class RunFileGroups
{
    public static RunFileGroup Of(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var folder = relativePath.Contains('/', StringComparison.Ordinal) ? relativePath.Split('/')[0] : "";
        return folder switch
        {
            "" => new RunFileGroup(folder, "运行 Run"),
            "results" => new RunFileGroup(folder, "结果 Results"),
            "panel" => new RunFileGroup(folder, "评审工作簿 Panel workbook"),
            "certificates" => new RunFileGroup(folder, "证书 Certificates"),
            "reminders" => new RunFileGroup(folder, "续期提醒 Reminders"),
            "letters" => new RunFileGroup(folder, "信函 Letters"),
            _ => new RunFileGroup(folder, folder),
        };
    }
}
