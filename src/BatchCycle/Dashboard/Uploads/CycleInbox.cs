using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using BatchCycle.Import;
using Microsoft.AspNetCore.Http;

namespace BatchCycle.Dashboard.Uploads;

/// <summary>A file of a cycle's inbox with the name it was uploaded under (kept only as a record, never as a path) and what it holds.</summary>
public sealed record InboxFile(string StoredName, string OriginalName, long Size, string Sha256, string UploadedBy, DateTime UploadedAt, IReadOnlyList<SheetSurvey>? Sheets = null)
{
    public IEnumerable<string> Kinds => (Sheets ?? []).Select(s => s.Kind).OfType<string>().Distinct(StringComparer.Ordinal);
}

/// <summary>Why one uploaded file was refused.</summary>
public sealed record UploadRefusal(string OriginalName, string Problem);

/// <summary>What an upload did: the files stored, the reasons nothing was stored, or the question it waits on.</summary>
public sealed record UploadResult(IReadOnlyList<InboxFile> Stored, IReadOnlyList<UploadRefusal> Refused, PendingUpload? Pending = null)
{
    public bool Accepted => Refused.Count == 0 && Stored.Count > 0;
}

/// <summary>
/// Stores a cycle's uploaded spreadsheets in its inbox folder under generated names, so that no name a browser
/// sends can choose a path; the original name goes to a record beside the inbox. An upload is taken whole or
/// not at all, so a run never screens half of what the secretariat meant to give it. Only the inbox's top level
/// is input: its <c>.names</c> and <c>.archive</c> sub-folders are never read by a run.
/// </summary>
public sealed class CycleInbox
{
    private static readonly string[] Extensions = [".xlsx", ".xls", ".csv"];

    private readonly DashboardOptions options;
    private readonly DashboardClock clock;
    private readonly InboxChanges changes;

    public CycleInbox(DashboardOptions options, DashboardClock clock)
    {
        this.options = options;
        this.clock = clock;
        changes = new InboxChanges(this, options, clock);
    }

    /// <summary>Removing, replacing and the uploads that wait for the officer's answer.</summary>
    public InboxChanges Changes => changes;

    /// <summary>Chinese file names stay readable in the upload records.</summary>
    internal static readonly JsonSerializerOptions RecordJson = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <param name="replacing">The stored name of the inbox file the upload is a new version of; null for a plain upload.</param>
    public async Task<UploadResult> StoreAsync(int year, IReadOnlyList<IFormFile> files, string uploadedBy, CancellationToken cancellationToken, string? replacing = null)
    {
        if (files.Count == 0)
        {
            return new UploadResult([], [new UploadRefusal("", "No file was chosen. 未选择文件。")]);
        }

        if (files.Count > options.Dashboard.MaxUploadFiles)
        {
            return new UploadResult([], [new UploadRefusal("", TooManyFiles(options.Dashboard.MaxUploadFiles, files.Count))]);
        }

        var refused = files.Select(Check).OfType<UploadRefusal>().ToList();
        if (refused.Count > 0)
        {
            return new UploadResult([], refused);
        }

        var received = new List<ReceivedFile>();
        foreach (var file in files)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            var content = buffer.ToArray();
            received.Add(new ReceivedFile(file.FileName, Extension(file.FileName), content, Convert.ToHexStringLower(SHA256.HashData(content)), FileSurvey.Of(file.FileName, content, cancellationToken)));
        }

        return await changes.ReceiveAsync(year, received, replacing, uploadedBy, cancellationToken);
    }

    /// <summary>Stores a received file in the inbox under a generated name, with its upload record and its original name beside.</summary>
    internal async Task<InboxFile> PutAsync(int year, ReceivedFile file, string uploadedBy, CancellationToken cancellationToken)
    {
        var inbox = options.InboxFolder(year);
        var records = options.UploadRecordsFolder(year);
        Directory.CreateDirectory(inbox);
        Directory.CreateDirectory(records);
        var storedName = clock.Local(clock.UtcNow).ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture)
            + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + file.Extension;
        await File.WriteAllBytesAsync(Path.Combine(inbox, storedName), file.Content, cancellationToken);
        var record = new InboxFile(storedName, file.OriginalName, file.Content.LongLength, file.Sha256, uploadedBy, clock.UtcNow, file.Sheets);
        await File.WriteAllTextAsync(Path.Combine(records, storedName + ".json"), JsonSerializer.Serialize(record, RecordJson), cancellationToken);
        InboxNames.Write(inbox, storedName, file.OriginalName);
        return record;
    }

    /// <summary>The inbox's files, with their upload records where the dashboard stored them.</summary>
    public IReadOnlyList<InboxFile> List(int year)
    {
        var inbox = options.InboxFolder(year);
        if (!Directory.Exists(inbox))
        {
            return [];
        }

        return [.. new DirectoryInfo(inbox).GetFiles().OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal).Select(f =>
        {
            var recordPath = Path.Combine(options.UploadRecordsFolder(year), f.Name + ".json");
            var record = File.Exists(recordPath) ? JsonSerializer.Deserialize<InboxFile>(File.ReadAllText(recordPath)) : null;
            return record ?? new InboxFile(f.Name, f.Name, f.Length, "", "", f.LastWriteTimeUtc);
        })];
    }

    private UploadRefusal? Check(IFormFile file)
    {
        var extension = Extension(file.FileName);
        if (!Extensions.Contains(extension))
        {
            return new UploadRefusal(file.FileName, "Only .xlsx, .xls and .csv files are accepted. 只接受 .xlsx、.xls 和 .csv 文件。");
        }

        if (file.Length == 0)
        {
            return new UploadRefusal(file.FileName, "The file is empty. 文件是空的。");
        }

        if (UploadContent.Problem(file, extension) is { } problem)
        {
            return new UploadRefusal(file.FileName, problem);
        }

        return extension == ".xlsx" ? CheckWorkbook(file) : null;
    }

    public static string TooManyFiles(int limit, int chosen) =>
        $"At most {limit} files can be uploaded at once; {chosen} were chosen. Upload them in parts. 每次最多上传 {limit} 个文件，本次选择了 {chosen} 个，请分批上传。";

    /// <summary>
    /// An .xlsx is a zip archive; a small one can unpack to gigabytes and stall the import. The sizes and the
    /// number of entries come from the archive's central directory, read without unpacking anything.
    /// </summary>
    private UploadRefusal? CheckWorkbook(IFormFile file)
    {
        try
        {
            using var stream = file.OpenReadStream();
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            if (zip.Entries.Count > options.Dashboard.MaxZipEntries)
            {
                return new UploadRefusal(file.FileName, $"The workbook holds {zip.Entries.Count} parts; at most {options.Dashboard.MaxZipEntries} are accepted. 工作簿内部文件过多。");
            }

            var unpacked = zip.Entries.Sum(e => e.Length);
            if (unpacked > options.Dashboard.MaxUnpackedBytes)
            {
                return new UploadRefusal(file.FileName, $"The workbook unpacks to {ByteSize.Format(unpacked)}; at most {ByteSize.Format(options.Dashboard.MaxUnpackedBytes)} are accepted. 工作簿解压后过大。");
            }

            return null;
        }
        catch (InvalidDataException)
        {
            return new UploadRefusal(file.FileName, "The file is not a valid .xlsx workbook. 这不是有效的 .xlsx 工作簿。");
        }
    }

    /// <summary>Only the extension of a browser-sent name is used, lower-cased; everything before it is ignored.</summary>
    internal static string Extension(string fileName) =>
        Path.GetExtension(fileName.Replace('\\', '/').Split('/')[^1]).ToLowerInvariant();
}
