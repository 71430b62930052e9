using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchCycle.Certificates;

/// <summary>
/// The Chrome DevTools protocol over the two pipes Chromium opens with <c>--remote-debugging-pipe</c>: requests
/// are JSON objects, each ended by a NUL byte, and replies come back on the other pipe with the request's id.
/// Printing needs no events, so the ones Chromium sends are read and dropped. Safe to use from several tasks.
/// </summary>
internal sealed class DevToolsPipe : IAsyncDisposable
{
    private const string ClosedByChromium = "Chromium closed the connection; it exited or crashed";

    private readonly Stream toChromium;
    private readonly Stream fromChromium;
    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly ConcurrentDictionary<long, (string Method, TaskCompletionSource<JsonElement> Reply)> waiting = new();
    private readonly Task reading;
    private long lastId;
    private volatile string? closedBecause;

    public DevToolsPipe(Stream toChromium, Stream fromChromium)
    {
        this.toChromium = toChromium;
        this.fromChromium = fromChromium;
        reading = Task.Run(ReadRepliesAsync);
    }

    /// <summary>Sends one command and returns its result; <paramref name="sessionId"/> addresses a page, null the browser.</summary>
    /// <exception cref="IOException">Chromium closed the pipe (it exited or crashed) before answering.</exception>
    /// <exception cref="InvalidOperationException">Chromium answered with an error.</exception>
    public async Task<JsonElement> SendAsync(string method, JsonObject parameters, string? sessionId, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref lastId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting[id] = (method, reply);
        // Checked after registering, so a pipe closing at the same moment fails this request one way or the other.
        if (closedBecause is { } reason)
        {
            waiting.TryRemove(id, out _);
            throw new IOException(reason);
        }

        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (sessionId is not null)
        {
            message["sessionId"] = sessionId;
        }

        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString() + "\0");
        using var cancellation = cancellationToken.Register(() =>
        {
            waiting.TryRemove(id, out _);
            reply.TrySetCanceled(cancellationToken);
        });
        await writing.WaitAsync(cancellationToken);
        try
        {
            await toChromium.WriteAsync(bytes, cancellationToken);
            await toChromium.FlushAsync(cancellationToken);
        }
        catch (IOException)
        {
            Close(ClosedByChromium);
        }
        finally
        {
            writing.Release();
        }

        return await reply.Task;
    }

    private async Task ReadRepliesAsync()
    {
        var pending = new ArrayBufferWriter<byte>(1 << 16);
        try
        {
            while (true)
            {
                var read = await fromChromium.ReadAsync(pending.GetMemory(1 << 16));
                if (read == 0)
                {
                    Close(ClosedByChromium);
                    return;
                }

                pending.Advance(read);
                pending = Dispatch(pending);
            }
        }
        catch (IOException ex)
        {
            Close($"Chromium's connection failed ({ex.Message})");
        }
        catch (JsonException ex)
        {
            Close($"Chromium answered with something other than the DevTools protocol ({ex.Message})");
        }
    }

    /// <summary>Answers every whole message in <paramref name="pending"/>; returns what remains of the next one.</summary>
    private ArrayBufferWriter<byte> Dispatch(ArrayBufferWriter<byte> pending)
    {
        var unread = pending.WrittenMemory;
        int end;
        while ((end = unread.Span.IndexOf((byte)0)) >= 0)
        {
            Answer(unread[..end]);
            unread = unread[(end + 1)..];
        }

        if (unread.Length == pending.WrittenCount)
        {
            return pending;
        }

        if (unread.IsEmpty)
        {
            pending.ResetWrittenCount();
            return pending;
        }

        var rest = new ArrayBufferWriter<byte>(Math.Max(1 << 16, unread.Length * 2));
        rest.Write(unread.Span);
        return rest;
    }

    private void Answer(ReadOnlyMemory<byte> json)
    {
        using var message = JsonDocument.Parse(json);
        var root = message.RootElement;
        if (!root.TryGetProperty("id", out var id) || !waiting.TryRemove(id.GetInt64(), out var request))
        {
            return;
        }

        if (root.TryGetProperty("error", out var error))
        {
            var detail = error.TryGetProperty("message", out var text) ? text.GetString() : error.GetRawText();
            request.Reply.TrySetException(new InvalidOperationException($"Chromium refused {request.Method}: {detail}"));
        }
        else
        {
            request.Reply.TrySetResult(root.GetProperty("result").Clone());
        }
    }

    private void Close(string reason)
    {
        closedBecause ??= reason;
        foreach (var id in waiting.Keys)
        {
            if (waiting.TryRemove(id, out var request))
            {
                request.Reply.TrySetException(new IOException(reason));
            }
        }
    }

    /// <summary>Closes the pipes; waits for Chromium's end to close, which it does when it exits.</summary>
    public async ValueTask DisposeAsync()
    {
        // Closing our end of the pipe is also what tells a Chromium that is still running to exit.
        await toChromium.DisposeAsync();
        await reading;
        await fromChromium.DisposeAsync();
        writing.Dispose();
    }
}
