using System.IO.Pipes;
using System.Text;
using System.Text.Json;
using BatchCycle.Certificates;

namespace BatchCycle.Tests.Certificates;

/// <summary>The DevTools protocol's framing over pipes, against a stand-in for Chromium on the other ends.</summary>
public sealed class DevToolsPipeTests
{
    [Fact]
    public async Task Replies_are_matched_to_their_requests_however_the_pipe_cuts_them_and_events_are_skipped()
    {
        await using var chromium = new StandIn();
        var (devTools, chromiumReads, chromiumWrites) = (chromium.DevTools, chromium.Reads, chromium.Writes);

        var print = devTools.SendAsync("Page.printToPDF", new() { ["printBackground"] = true }, "page-1", CancellationToken.None);
        var version = devTools.SendAsync("Browser.getVersion", [], null, CancellationToken.None);
        var requests = new[] { await ReadRequestAsync(chromiumReads), await ReadRequestAsync(chromiumReads) }.ToDictionary(r => r.GetProperty("method").GetString()!);
        var printRequest = requests["Page.printToPDF"];
        var versionRequest = requests["Browser.getVersion"];
        Assert.Equal("page-1", printRequest.GetProperty("sessionId").GetString());
        Assert.True(printRequest.GetProperty("params").GetProperty("printBackground").GetBoolean());
        Assert.False(versionRequest.TryGetProperty("sessionId", out _));
        Assert.NotEqual(printRequest.GetProperty("id").GetInt64(), versionRequest.GetProperty("id").GetInt64());

        // An event, the second reply and half of the first in one write; the rest of the first in another.
        var replies = "{\"method\":\"Target.attachedToTarget\",\"params\":{}}\0" +
                      $"{{\"id\":{versionRequest.GetProperty("id")},\"result\":{{\"product\":\"Chrome/156\"}}}}\0" +
                      $"{{\"id\":{printRequest.GetProperty("id")},\"result\":{{\"stream\":\"str";
        await WriteAsync(chromiumWrites, replies);
        Assert.Equal("Chrome/156", (await version).GetProperty("product").GetString());
        Assert.False(print.IsCompleted);
        await WriteAsync(chromiumWrites, "eam-7\"}}\0");

        Assert.Equal("stream-7", (await print).GetProperty("stream").GetString());
    }

    [Fact]
    public async Task An_error_reply_names_the_command_and_a_closed_pipe_fails_what_waits_and_what_follows()
    {
        await using var chromium = new StandIn();
        var (devTools, chromiumReads, chromiumWrites) = (chromium.DevTools, chromium.Reads, chromium.Writes);

        var read = devTools.SendAsync("IO.read", new() { ["handle"] = "gone" }, "page-1", CancellationToken.None);
        var request = await ReadRequestAsync(chromiumReads);
        await WriteAsync(chromiumWrites, $"{{\"id\":{request.GetProperty("id")},\"error\":{{\"code\":-32000,\"message\":\"Invalid stream handle\"}}}}\0");
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => read);
        Assert.Equal("Chromium refused IO.read: Invalid stream handle", refused.Message);

        var waiting = devTools.SendAsync("Page.printToPDF", [], "page-1", CancellationToken.None);
        await ReadRequestAsync(chromiumReads);
        await chromiumWrites.DisposeAsync();

        var closed = await Assert.ThrowsAsync<IOException>(() => waiting);
        Assert.Contains("Chromium closed the connection", closed.Message);
        await Assert.ThrowsAsync<IOException>(() => devTools.SendAsync("Browser.close", [], null, CancellationToken.None));
    }

    [Fact]
    public async Task A_request_given_up_by_its_caller_is_cancelled_and_a_late_reply_to_it_is_ignored()
    {
        await using var chromium = new StandIn();
        var (devTools, chromiumReads, chromiumWrites) = (chromium.DevTools, chromium.Reads, chromium.Writes);
        using var giveUp = new CancellationTokenSource();

        var slow = devTools.SendAsync("Runtime.evaluate", [], "page-1", giveUp.Token);
        var slowRequest = await ReadRequestAsync(chromiumReads);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow);

        var next = devTools.SendAsync("Browser.getVersion", [], null, CancellationToken.None);
        var nextRequest = await ReadRequestAsync(chromiumReads);
        await WriteAsync(chromiumWrites,
            $"{{\"id\":{slowRequest.GetProperty("id")},\"result\":{{}}}}\0{{\"id\":{nextRequest.GetProperty("id")},\"result\":{{\"product\":\"Chrome/156\"}}}}\0");

        Assert.Equal("Chrome/156", (await next).GetProperty("product").GetString());
    }

    /// <summary>The far ends of the two pipes, where Chromium would be; disposing it is Chromium exiting.</summary>
    private sealed class StandIn : IAsyncDisposable
    {
        public StandIn()
        {
            var fromUs = new AnonymousPipeServerStream(PipeDirection.Out);
            Reads = new AnonymousPipeClientStream(PipeDirection.In, fromUs.ClientSafePipeHandle);
            Writes = new AnonymousPipeServerStream(PipeDirection.Out);
            DevTools = new DevToolsPipe(fromUs, new AnonymousPipeClientStream(PipeDirection.In, Writes.ClientSafePipeHandle));
        }

        public DevToolsPipe DevTools { get; }

        public Stream Reads { get; }

        public AnonymousPipeServerStream Writes { get; }

        public async ValueTask DisposeAsync()
        {
            await Writes.DisposeAsync();
            await DevTools.DisposeAsync();
            await Reads.DisposeAsync();
        }
    }

    private static async Task<JsonElement> ReadRequestAsync(Stream chromiumReads)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (await chromiumReads.ReadAsync(one) == 1 && one[0] != 0)
        {
            bytes.Add(one[0]);
        }

        return JsonDocument.Parse(bytes.ToArray()).RootElement.Clone();
    }

    private static async Task WriteAsync(Stream chromiumWrites, string text)
    {
        await chromiumWrites.WriteAsync(Encoding.UTF8.GetBytes(text));
        await chromiumWrites.FlushAsync();
    }
}
