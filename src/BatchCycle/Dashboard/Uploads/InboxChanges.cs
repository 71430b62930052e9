using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using BatchCycle.Files;
using BatchCycle.Import;

namespace BatchCycle.Dashboard.Uploads;

/// <summary>An uploaded file read into memory, with its checksum and what it holds.</summary>
public sealed record ReceivedFile(string OriginalName, string Extension, byte[] Content, string Sha256, IReadOnlyList<SheetSurvey> Sheets);

/// <summary>A file of an upload that may be a new version of files already in the inbox (same name or same kind).</summary>
public sealed record PendingFile(int Index, string OriginalName, IReadOnlyList<string> Kinds, IReadOnlyList<InboxFile> Matches);

/// <summary>An upload held until the officer says, per file, whether it replaces a file of the inbox or is added beside.</summary>
public sealed record PendingUpload(string Id, IReadOnlyList<PendingFile> Files);

/// <summary>
/// The changes to a cycle's inbox other than a plain upload. A file removed or replaced is moved, byte for byte,
/// into the inbox's <c>.archive</c> sub-folder with a record of its checksum, who archived it and why: a run reads
/// only the inbox's top level, so an archived file is never read again, and the earlier input of a run can still be
/// shown. A file whose bytes are already in the inbox is refused (it would only be read twice); one with the same
/// name or of the same kind as a file there may be a correction or a second list (violations from two
/// authorities), which only the officer can tell, so the upload waits for that answer.
/// </summary>
public sealed partial class InboxChanges(CycleInbox inbox, DashboardOptions options, DashboardClock clock)
{
    public const string Beside = "beside";

    public const string ArchiveFolder = ".archive";

    internal async Task<UploadResult> ReceiveAsync(int year, IReadOnlyList<ReceivedFile> received, string? replacing, string user, CancellationToken cancellationToken)
    {
        var existing = inbox.List(year);
        if (Duplicates(received, existing) is { Count: > 0 } duplicates)
        {
            return new UploadResult([], duplicates);
        }

        if (replacing is not null)
        {
            return existing.Any(f => f.StoredName == replacing) && received.Count == 1
                ? await CommitAsync(year, received, [replacing], user, cancellationToken)
                : new UploadResult([], [new UploadRefusal("", "The file to replace is no longer in the inbox; choose one of the list. 要取代的文件已不在收件箱中。")]);
        }

        var pending = received.Select((r, i) => new PendingFile(i, r.OriginalName, [.. Kinds(r.Sheets)], [.. existing.Where(e => Matches(r, e))])).ToList();
        if (pending.All(p => p.Matches.Count == 0))
        {
            return await CommitAsync(year, received, new string?[received.Count], user, cancellationToken);
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var folder = Directory.CreateDirectory(PendingFolder(year, id)).FullName;
        for (var i = 0; i < received.Count; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, $"{i}.bin"), received[i].Content, cancellationToken);
        }

        var manifest = received.Select(r => new ReceivedFile(r.OriginalName, r.Extension, [], r.Sha256, r.Sheets)).ToList();
        // Whole or not at all: a held upload is known by its manifest, and half a manifest would be unreadable.
        AtomicFile.WriteAllBytes(Path.Combine(folder, "manifest.json"), JsonSerializer.SerializeToUtf8Bytes(manifest, CycleInbox.RecordJson));
        return new UploadResult([], [], new PendingUpload(id, [.. pending.Where(p => p.Matches.Count > 0)]));
    }

    /// <summary>Stores a held upload as the officer answered: per file index, the stored name it replaces or <see cref="Beside"/>.</summary>
    public async Task<UploadResult> ConfirmAsync(int year, string pendingId, IReadOnlyDictionary<int, string> answers, string user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var folder = PendingId().IsMatch(pendingId ?? "") ? PendingFolder(year, pendingId!) : null;
        if (folder is null || !File.Exists(Path.Combine(folder, "manifest.json")))
        {
            return new UploadResult([], [new UploadRefusal("", "This upload is no longer waiting; upload the files again. 此上传已失效，请重新上传。")]);
        }

        var manifest = JsonSerializer.Deserialize<List<ReceivedFile>>(await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json"), cancellationToken))!;
        var received = new List<ReceivedFile>();
        for (var i = 0; i < manifest.Count; i++)
        {
            received.Add(manifest[i] with { Content = await File.ReadAllBytesAsync(Path.Combine(folder, $"{i}.bin"), cancellationToken) });
        }

        var existing = inbox.List(year);
        if (Duplicates(received, existing) is { Count: > 0 } duplicates)
        {
            return new UploadResult([], duplicates);
        }

        var replaces = new string?[received.Count];
        for (var i = 0; i < received.Count; i++)
        {
            var matches = existing.Where(e => Matches(received[i], e)).ToList();
            var answer = answers.GetValueOrDefault(i);
            if (matches.Count > 0 && answer != Beside && !matches.Any(m => m.StoredName == answer))
            {
                return new UploadResult([], [new UploadRefusal(received[i].OriginalName, "Say whether this file replaces a file of the inbox or is added beside it. 请选择此文件是取代收件箱中的文件还是一并保留。")]);
            }

            replaces[i] = answer == Beside ? null : answer;
        }

        var result = await CommitAsync(year, received, replaces, user, cancellationToken);
        Directory.Delete(folder, recursive: true);
        return result;
    }

    /// <summary>Moves a file out of the inbox into its archive; false when it is not (or no longer) in the inbox.</summary>
    public async Task<bool> RemoveAsync(int year, string storedName, string user, CancellationToken cancellationToken)
    {
        var file = inbox.List(year).SingleOrDefault(f => f.StoredName == storedName);
        if (file is null)
        {
            return false;
        }

        await ArchiveAsync(year, file, user, "removed 已移除", cancellationToken);
        return true;
    }

    /// <summary>The archived versions of the inbox, latest first.</summary>
    public IReadOnlyList<ArchivedFile> Archived(int year)
    {
        var folder = Path.Combine(options.InboxFolder(year), ArchiveFolder);
        return !Directory.Exists(folder)
            ? []
            : [.. Directory.GetFiles(folder, "*.json").Select(p => JsonSerializer.Deserialize<ArchivedFile>(File.ReadAllText(p))!).OrderByDescending(a => a.ArchivedAt)];
    }

    private async Task<UploadResult> CommitAsync(int year, IReadOnlyList<ReceivedFile> received, IReadOnlyList<string?> replaces, string user, CancellationToken cancellationToken)
    {
        var existing = inbox.List(year);
        var stored = new List<InboxFile>();
        for (var i = 0; i < received.Count; i++)
        {
            var put = await inbox.PutAsync(year, received[i], user, cancellationToken);
            stored.Add(put);
            if (replaces[i] is { } old && existing.SingleOrDefault(f => f.StoredName == old) is { } replaced)
            {
                await ArchiveAsync(year, replaced, user, $"replaced by {put.OriginalName} ({put.StoredName}) 已被取代", cancellationToken);
            }
        }

        return new UploadResult(stored, []);
    }

    private async Task ArchiveAsync(int year, InboxFile file, string user, string reason, CancellationToken cancellationToken)
    {
        var inboxFolder = options.InboxFolder(year);
        var archive = Directory.CreateDirectory(Path.Combine(inboxFolder, ArchiveFolder)).FullName;
        var target = Path.Combine(archive, file.StoredName);
        File.Move(Path.Combine(inboxFolder, file.StoredName), target);
        string sha256;
        await using (var moved = File.OpenRead(target))
        {
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(moved, cancellationToken));
        }

        var record = new ArchivedFile(file, sha256, user, clock.UtcNow, reason);
        AtomicFile.WriteAllBytes(target + ".json", JsonSerializer.SerializeToUtf8Bytes(record, CycleInbox.RecordJson));
        InboxNames.Remove(inboxFolder, file.StoredName);
    }

    private static List<UploadRefusal> Duplicates(IReadOnlyList<ReceivedFile> received, IReadOnlyList<InboxFile> existing)
    {
        var refusals = new List<UploadRefusal>();
        for (var i = 0; i < received.Count; i++)
        {
            var file = received[i];
            if (existing.FirstOrDefault(e => e.Sha256 == file.Sha256) is { } same)
            {
                refusals.Add(new UploadRefusal(file.OriginalName, $"The same bytes are already in the inbox as {same.OriginalName}; a file read twice would only double its rows. 收件箱中已有内容完全相同的文件（{same.OriginalName}）。"));
            }
            else if (received.Take(i).Any(r => r.Sha256 == file.Sha256))
            {
                refusals.Add(new UploadRefusal(file.OriginalName, "The same file was chosen twice in this upload. 同一文件在此次上传中被选择了两次。"));
            }
        }

        return refusals;
    }

    private static bool Matches(ReceivedFile file, InboxFile existing) =>
        string.Equals(file.OriginalName, existing.OriginalName, StringComparison.OrdinalIgnoreCase)
        || Kinds(file.Sheets).Intersect(existing.Kinds, StringComparer.Ordinal).Any();

    private static IEnumerable<string> Kinds(IReadOnlyList<SheetSurvey> sheets) => sheets.Select(s => s.Kind).OfType<string>().Distinct(StringComparer.Ordinal);

    private string PendingFolder(int year, string id) => Path.Combine(options.UploadRecordsFolder(year), "pending", id);

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex PendingId();
}

/// <summary>A version taken out of the inbox: the file as it was listed, its checksum when archived, by whom, when and why.</summary>
public sealed record ArchivedFile(InboxFile File, string Sha256, string ArchivedBy, DateTime ArchivedAt, string Reason);
