using System.Diagnostics;
using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Import;

/// <summary>
/// A legacy .xls workbook (BIFF8), made once per class by LibreOffice from an .xlsx built here: writing BIFF
/// by hand would test the writer, not the reader.
/// </summary>
public sealed class LegacyWorkbookFixture : IDisposable
{
    private readonly TempFolder folder = new();

    public LegacyWorkbookFixture()
    {
        var book = new XlsxBuilder();
        book.Sheet("申請").Row("申請編號", "標誌類別", "申請類別", "申請公司名稱", "遞交日期", "守法聲明")
            .Row("A-1", "E", "續期", "東莞恒豐五金製品有限公司", new DateTime(2025, 5, 14), "是")
            .Row("A-2", "E", "續期", "東莞恒豐五金製品有限公司", "2025-02-30", "是");
        book.Sheet("Providers").Row("ProviderId", "ProviderName", "Status").Row("TSP-1", "綠色顧問", "Registered");
        var xlsx = folder.Combine("cycle.xlsx");
        book.Save(xlsx);

        var start = new ProcessStartInfo("soffice")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { $"-env:UserInstallation=file://{folder.Combine("profile")}", "--headless", "--convert-to", "xls", "--outdir", folder.Path, xlsx })
        {
            start.ArgumentList.Add(arg);
        }

        using var soffice = Process.Start(start)!;
        var output = soffice.StandardOutput.ReadToEndAsync();
        var errors = soffice.StandardError.ReadToEndAsync();
        if (!soffice.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            soffice.Kill(entireProcessTree: true);
        }

        Path = folder.Combine("cycle.xls");
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"LibreOffice did not convert the workbook: {output.Result} {errors.Result}");
        }
    }

    public string Path { get; }

    public void Dispose() => folder.Dispose();
}

public sealed class XlsTests(LegacyWorkbookFixture fixture) : IClassFixture<LegacyWorkbookFixture>
{
    [Fact]
    public void A_legacy_xls_workbook_is_read_sheet_by_sheet_with_traditional_chinese_text()
    {
        var import = TestFiles.Import(("cycle.xls", File.ReadAllBytes(fixture.Path)));

        var data = import.ToCycleData();
        var application = Assert.Single(data.Applications);
        Assert.Equal(("A-1", LabelType.E, ApplicationKind.Renewal, "東莞恒豐五金製品有限公司"), (application.ApplicationId, application.LabelType, application.Kind, application.ApplicantName));
        Assert.Equal((new DateOnly(2025, 5, 14), true), (application.SubmittedOn!.Value, application.DeclarationSigned!.Value));
        Assert.Equal("TSP-1", Assert.Single(data.ServiceProviders).ProviderId);

        var issue = Assert.Single(import.Issues);
        Assert.Equal(("cycle.xls", "申請", 3, "遞交日期"), (issue.File, issue.Sheet!, issue.Row!.Value, issue.Column!));
    }

    [Fact]
    public void A_legacy_xls_cut_short_is_one_issue()
    {
        var bytes = File.ReadAllBytes(fixture.Path);

        var import = TestFiles.Import(("cycle.xls", bytes[..(bytes.Length / 3)]));

        Assert.StartsWith("not a readable Excel workbook", Assert.Single(import.Issues).Problem);
    }
}
