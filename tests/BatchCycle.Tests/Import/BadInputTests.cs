using System.IO.Compression;
using System.Text;
using BatchCycle.Import;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Import;

/// <summary>docs/inputs.md "Bad input": every problem reported with file, sheet, row and column; the rest still imported.</summary>
public sealed class BadInputTests
{
    private static readonly object?[] ApplicationHeader = ["ApplicationId", "LabelType", "Kind", "ApplicantName", "SubmittedOn"];

    private static object?[] Application(string id, string kind = "New", string submitted = "2025-05-14") => [id, "M", kind, "X Ltd", submitted];

    [Fact]
    public void A_sheet_missing_a_required_column_is_reported_with_the_nearest_kind_and_skipped()
    {
        var import = TestFiles.Import(("apps.csv", TestFiles.Utf8Csv([["ApplicationId", "LabelType", "Kind", "ApplicantName"], ["A-1", "M", "New", "X"]])));

        var issue = Assert.Single(import.Issues);
        Assert.Equal(("apps.csv", "apps.csv", (int?)null), (issue.File, issue.Sheet, issue.Row));
        Assert.Contains("matches no input kind", issue.Problem);
        Assert.Contains("Applications", issue.Problem);
        Assert.Contains("SubmittedOn", issue.Problem);
        Assert.Empty(import.ToCycleData().Applications);
    }

    [Fact]
    public void A_sheet_with_no_known_column_says_what_was_expected()
    {
        var import = TestFiles.Import(("notes.csv", TestFiles.Utf8Csv([["Name", "Phone"], ["Ann", "123"]])));

        Assert.Contains("expected a header row with e.g. the columns of Applications (ApplicationId", Assert.Single(import.Issues).Problem);
    }

    [Fact]
    public void An_unknown_code_rejects_its_row_only_and_names_the_column_as_written()
    {
        var csv = TestFiles.Utf8Csv([["申請編號", "標誌類別", "申請類別", "申請公司名稱", "遞交日期"], Application("A-1"), Application("A-2", kind: "Maybe"), Application("A-3")]);

        var import = TestFiles.Import(("apps.csv", csv));

        var issue = Assert.Single(import.Issues);
        Assert.Equal(("apps.csv", "apps.csv", 3, "申請類別"), (issue.File, issue.Sheet, issue.Row!.Value, issue.Column));
        Assert.Contains("'Maybe' is not a known Kind", issue.Problem);
        Assert.Contains("not imported", issue.Problem);
        Assert.Equal(["A-1", "A-3"], import.ToCycleData().Applications.Select(a => a.ApplicationId));
    }

    [Fact]
    public void A_bad_date_rejects_its_row()
    {
        var import = TestFiles.Import(("apps.csv", TestFiles.Utf8Csv([ApplicationHeader, Application("A-1", submitted: "31/02/2025")])));

        var issue = Assert.Single(import.Issues);
        Assert.Equal((2, "SubmittedOn"), (issue.Row!.Value, issue.Column));
        Assert.Contains("no day 31 of month 2", issue.Problem);
        Assert.Empty(import.ToCycleData().Applications);
    }

    [Fact]
    public void A_blank_submission_date_keeps_the_application_with_a_warning()
    {
        var import = TestFiles.Import(("apps.csv", TestFiles.Utf8Csv([ApplicationHeader, [.. Application("A-1")[..4], null]])));

        Assert.Contains("1.4", Assert.Single(import.Issues).Problem);
        Assert.Null(Assert.Single(import.ToCycleData().Applications).SubmittedOn);
    }

    [Fact]
    public void A_key_read_twice_in_one_file_keeps_the_first_row_and_rejects_the_later()
    {
        var import = TestFiles.Import(("a.csv", TestFiles.Utf8Csv([ApplicationHeader, Application("A-1"), Application("B-1"), Application(" a-1 ", kind: "Renewal")])));

        var issue = Assert.Single(import.Issues);
        Assert.Equal(("a.csv", 4, "ApplicationId"), (issue.File, issue.Row!.Value, issue.Column));
        Assert.Contains("a.csv [a.csv] row 2", issue.Problem);
        Assert.Equal([("A-1", ApplicationKind.New), ("B-1", ApplicationKind.New)], import.ToCycleData().Applications.Select(a => (a.ApplicationId, a.Kind)));
    }

    [Fact]
    public void A_later_file_row_with_the_same_key_replaces_the_earlier_and_says_so()
    {
        var import = TestFiles.Import(
            ("a.csv", TestFiles.Utf8Csv([ApplicationHeader, Application("A-1"), Application("A-2")])),
            ("b.csv", TestFiles.Utf8Csv([ApplicationHeader, Application("B-1"), Application(" a-1 ", kind: "Renewal")])));

        var notice = Assert.Single(import.Issues);
        Assert.Equal(("b.csv", 3, "ApplicationId"), (notice.File, notice.Row!.Value, notice.Column));
        Assert.StartsWith(ImportNotices.Prefix, notice.Problem);
        Assert.Contains("replaces the row read before in a.csv [a.csv] row 2", notice.Problem);
        Assert.Equal((1, 0), (import.Notices.Replaced, import.Notices.Identical));
        Assert.Equal([("A-2", ApplicationKind.New), ("B-1", ApplicationKind.New), ("A-1", ApplicationKind.Renewal)], import.ToCycleData().Applications.Select(a => (a.ApplicationId, a.Kind)));
    }

    [Fact]
    public void A_row_read_twice_with_the_same_values_is_counted_once()
    {
        var titles = TestFiles.Utf8Csv([["FactoryId", "TitleType", "CertificateNo", "IssuedOn"], ["H12345678", "工信部绿色工厂", "G-1", "2024-01-01"], ["H12345678", "工信部绿色工厂", "G-2", "2024-01-01"]]);

        var import = TestFiles.Import(("titles.csv", titles), ("titles-again.csv", titles));

        Assert.Equal(2, import.Issues.Count);
        Assert.All(import.Issues, i => Assert.Contains("counted once", i.Problem));
        Assert.Equal((0, 2), (import.Notices.Replaced, import.Notices.Identical));
        Assert.Equal(["G-1", "G-2"], import.ToCycleData().Titles.Select(t => t.CertificateNo));
    }

    [Fact]
    public void Conditional_requirements_of_projects_options_and_violations()
    {
        var import = TestFiles.Import(
            ("projects.csv", TestFiles.Utf8Csv([["ProjectRef", "ProjectType", "FactoryId", "Status", "CompletedOn"], ["P-1", "OnSiteAssessment", "H12345678", "Completed", null], ["P-2", "Other thing", "H12345678", "Approved", null]])),
            ("options.csv", TestFiles.Utf8Csv([["ProjectRef", "OptionNo", "Cost", "Status", "CompletedOn"], ["P-1", "1", "Cost", "Completed", null]])),
            ("violations.csv", TestFiles.Utf8Csv([["CaseRef", "EntityName", "ViolationDate", "PenaltyDate"], ["C-1", "X", null, null]])));

        Assert.Equal(
            [("projects.csv", 2, "CompletedOn"), ("options.csv", 2, "CompletedOn"), ("violations.csv", 2, "ViolationDate")],
            import.Issues.Select(i => (i.File, i.Row!.Value, i.Column!)));
        var project = Assert.Single(import.ToCycleData().FundedProjects);
        Assert.Equal((ProjectType.Other, "Other thing"), (project.ProjectType, project.ProjectTypeText));
    }

    [Fact]
    public void A_wrong_uscc_check_character_is_a_warning_and_the_row_is_kept()
    {
        var import = TestFiles.Import(("titles.csv", TestFiles.Utf8Csv([["FactoryId", "TitleType", "IssuedOn"], ["91350100M000100Y44", "工信部绿色工厂", "2024-01-01"]])));

        Assert.Contains("the check character should be 3", Assert.Single(import.Issues).Problem);
        Assert.Equal("91350100M000100Y44", Assert.Single(import.ToCycleData().Titles).FactoryId);
    }

    [Fact]
    public void An_empty_file_is_reported()
    {
        var import = TestFiles.Import(("empty.xlsx", []), ("empty.csv", []));

        Assert.Equal(["empty.xlsx", "empty.csv"], import.Issues.Select(i => i.File));
        Assert.All(import.Issues, i => Assert.Equal("the file is empty", i.Problem));
    }

    [Fact]
    public void A_text_file_renamed_xlsx_is_one_issue_in_plain_words()
    {
        var import = TestFiles.Import(("apps.xlsx", Encoding.UTF8.GetBytes("ApplicationId,LabelType\nA-1,M\n")));

        var issue = Assert.Single(import.Issues);
        Assert.Equal(("apps.xlsx", (string?)null), (issue.File, issue.Sheet));
        Assert.StartsWith("not a readable Excel workbook", issue.Problem);
        Assert.DoesNotContain(" at ", issue.Problem);
    }

    [Fact]
    public void A_truncated_xlsx_is_one_issue()
    {
        var book = new XlsxBuilder();
        book.Sheet("Apps").Row(ApplicationHeader).Row(Application("A-1"));
        var bytes = book.ToBytes();

        var import = TestFiles.Import(("apps.xlsx", bytes[..(bytes.Length / 2)]));

        Assert.Contains("damaged or incomplete", Assert.Single(import.Issues).Problem);
        Assert.Empty(import.ToCycleData().Applications);
    }

    [Fact]
    public void A_package_with_too_many_parts_is_refused_before_it_is_opened()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i <= WorkbookFile.MaxParts; i++)
            {
                zip.CreateEntry($"xl/part{i}.xml", CompressionLevel.NoCompression);
            }
        }

        var import = TestFiles.Import(("bomb.xlsx", stream.ToArray()));

        Assert.Contains("refused as unsafe", Assert.Single(import.Issues).Problem);
    }

    [Fact]
    public void Other_extensions_and_excel_lock_files_are_reported_and_skipped()
    {
        var import = TestFiles.Import(("README.txt", Encoding.UTF8.GetBytes("hello")), ("~$apps.xlsx", [1, 2, 3]));

        Assert.Equal(["README.txt", "~$apps.xlsx"], import.Issues.Select(i => i.File));
        Assert.Contains("only .xlsx, .xls and .csv", import.Issues[0].Problem);
    }

    [Fact]
    public void A_million_blank_formatted_rows_do_not_hide_the_rows_after_them()
    {
        var book = new XlsxBuilder();
        book.Sheet("Apps").Row(ApplicationHeader).Row(Application("A-1")).BlankRows(1_000_000).Row(Application("A-2"));

        var import = TestFiles.Import(("apps.xlsx", book.ToBytes()));

        Assert.Empty(import.Issues);
        Assert.Equal([2, 1_000_003], import.ToCycleData().Applications.Select(a => a.Source.Row));
    }

    [Fact]
    public void Formula_cells_are_read_by_their_calculated_values()
    {
        var book = new XlsxBuilder();
        book.Sheet("Apps").Row(ApplicationHeader)
            .Row(new XlsxFormula("\"A-\"&\"1\"", "A-1"), "M", "New", "X", new XlsxFormula("DATE(2025,5,14)", 45791.0));

        var import = TestFiles.Import(("apps.xlsx", book.ToBytes()));

        Assert.Empty(import.Issues);
        var application = Assert.Single(import.ToCycleData().Applications);
        Assert.Equal(("A-1", new DateOnly(2025, 5, 14)), (application.ApplicationId, application.SubmittedOn!.Value));
    }

    [Fact]
    public void In_merged_cells_only_the_first_holds_the_value_so_a_required_value_below_is_missing()
    {
        var book = new XlsxBuilder();
        book.Sheet("Apps").Row(ApplicationHeader).Row("A-1", "M", "New", "X", new DateTime(2025, 5, 14)).Row("A-2", "M", "New", null, new DateTime(2025, 5, 14)).Merge("D2:D3");

        var import = TestFiles.Import(("apps.xlsx", book.ToBytes()));

        var issue = Assert.Single(import.Issues);
        Assert.Equal((3, "ApplicantName"), (issue.Row!.Value, issue.Column));
        Assert.Contains("required but the cell is empty", issue.Problem);
    }

    [Fact]
    public void An_error_cell_is_a_bad_value_not_a_blank()
    {
        var book = new XlsxBuilder();
        book.Sheet("Apps").Row([.. ApplicationHeader, "ContactName"]).Row([.. Application("A-1"), new XlsxError("#N/A")]);

        var import = TestFiles.Import(("apps.xlsx", book.ToBytes()));

        var issue = Assert.Single(import.Issues);
        Assert.Equal((2, "ContactName"), (issue.Row!.Value, issue.Column));
        Assert.Contains("#N/A", issue.Problem);
    }

    [Fact]
    public void An_error_cell_alone_on_its_row_keeps_the_row_in_its_place()
    {
        // ExcelDataReader reads an error cell as empty, so such a row reads as blank until the error is put back.
        var book = new XlsxBuilder();
        book.Sheet("Apps").Row([.. ApplicationHeader, "ContactName"])
            .Row([.. Application("A-1"), "Chan"])
            .Row([null, null, null, null, null, new XlsxError("#REF!")])
            .Row([.. Application("A-2"), "Lee"]);

        var import = TestFiles.Import(("apps.xlsx", book.ToBytes()));

        Assert.Contains(import.Issues, i => i.Row == 3 && i.Column == "ContactName" && i.Problem.Contains("#REF!", StringComparison.Ordinal));
        Assert.All(import.Issues, i => Assert.Equal(3, i.Row));
        Assert.Equal(["A-1", "A-2"], import.ToCycleData().Applications.Select(a => a.ApplicationId));
    }

    [Fact]
    public void A_header_of_two_kinds_is_reported_and_the_sheet_skipped()
    {
        var import = TestFiles.Import(("mixed.csv", TestFiles.Utf8Csv([["ProviderId", "ProviderName", "Status", "ReceivedOn", "Substantiated"], ["T-1", "P", "Registered", "2025-01-01", "N"]])));

        Assert.Contains("matches both ServiceProviders and Complaints", Assert.Single(import.Issues).Problem);
        Assert.Empty(import.ToCycleData().ServiceProviders);
    }

    [Fact]
    public void A_duplicated_column_is_reported_and_the_first_is_read()
    {
        var import = TestFiles.Import(("apps.csv", TestFiles.Utf8Csv([[.. ApplicationHeader, "申请编号"], [.. Application("A-1"), "OTHER"]])));

        var issue = Assert.Single(import.Issues);
        Assert.Equal((1, "申请编号"), (issue.Row!.Value, issue.Column));
        Assert.Equal("A-1", Assert.Single(import.ToCycleData().Applications).ApplicationId);
    }

    [Fact]
    public void The_panel_workbook_is_read_back_without_its_summary_and_issue_sheets_and_blank_decisions_are_reported()
    {
        var book = new XlsxBuilder();
        book.Sheet("Summary").Row("Label type", "Eligible").Row("M", 3);
        book.Sheet("M").Row("ApplicationId", "LabelType", "Kind", "ApplicantName", "SubmittedOn", "Outcome", "Decision", "Remarks")
            .Row("A-1", "M", "New", "X", "2025-05-14", "Eligible", "批准", null)
            .Row("A-2", "M", "New", "Y", "2025-05-14", "NeedsReview", null, null);
        book.Sheet("Import issues").Row("File", "Sheet", "Row", "Column", "Problem").Row("a.csv", "a.csv", 2, "Kind", "bad");

        var import = TestFiles.Import(("2025-panel.xlsx", book.ToBytes()));

        var issue = Assert.Single(import.Issues);
        Assert.Equal(("M", 3, "Decision", "no decision given; the application stays undecided"), (issue.Sheet!, issue.Row!.Value, issue.Column!, issue.Problem));
        var data = import.ToCycleData();
        Assert.Equal(("A-1", PanelDecisionValue.Approve), (Assert.Single(data.PanelDecisions).ApplicationId, data.PanelDecisions[0].Decision));
        Assert.Empty(data.Applications);
    }

    [Fact]
    public void Beside_a_recognised_sheet_another_sheet_with_values_is_reported_more_softly()
    {
        var book = new XlsxBuilder();
        book.Sheet("Apps").Row(ApplicationHeader).Row(Application("A-1"));
        book.Sheet("Notes").Row("remember to call");
        book.Sheet("Empty");

        var import = TestFiles.Import(("apps.xlsx", book.ToBytes()));

        var issue = Assert.Single(import.Issues);
        Assert.Equal("Notes", issue.Sheet);
        Assert.Contains("other sheets of the workbook were read", issue.Problem);
    }

    [Fact]
    public void Panel_decisions_are_kept_in_the_order_of_the_files_last_write_times_then_names()
    {
        var import = new CycleImport();
        object?[] header = ["ApplicationId", "Decision"];
        import.ReadFile("a-later.csv", TestFiles.Utf8Csv([header, ["A-1", "Reject"]]), new DateTime(2025, 7, 2, 0, 0, 0, DateTimeKind.Utc), CancellationToken.None);
        import.ReadFile("z-earlier.csv", TestFiles.Utf8Csv([header, ["A-1", "Defer"], ["A-1", "Approve"]]), new DateTime(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc), CancellationToken.None);

        Assert.Equal(
            [PanelDecisionValue.Defer, PanelDecisionValue.Approve, PanelDecisionValue.Reject],
            import.ToCycleData().PanelDecisions.Select(d => d.Decision));
    }
}
