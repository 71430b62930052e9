using BatchCycle.Import;

namespace BatchCycle.Tests.Import;

/// <summary>The panel workbook heads its columns in English and Chinese; the import must still know them.</summary>
public sealed class BilingualHeaderTests
{
    [Theory]
    [InlineData("ApplicationId", "Decision 决定", "Remarks 备注")]
    [InlineData("ApplicationId 申请编号", "决定 Decision", "备注 Remarks")]
    [InlineData("申請編號 ApplicationId", "Decision 決定", "Remarks (備註)")]
    [InlineData("ApplicationId", "Decision", "Remarks")]
    [InlineData("申请编号", "评审决定", "备注")]
    public void A_bilingual_decision_header_names_the_panel_decisions_columns(string id, string decision, string remarks)
    {
        var found = HeaderMatch.Find([new RawRow(1, [id, "Applicant 申请公司", decision, remarks])]);

        Assert.Same(InputKinds.PanelDecisions, found.Map?.Kind);
        Assert.Equal((0, 2, 3), (found.Map!["ApplicationId"]!.Index, found.Map["Decision"]!.Index, found.Map["Remarks"]!.Index));
    }

    [Theory]
    [InlineData("Decision maker 决定")]
    [InlineData("决定 Remarks")]
    public void Other_words_beside_a_column_name_do_not_make_it_that_column(string header)
    {
        var found = HeaderMatch.Find([new RawRow(1, ["ApplicationId", header])]);

        Assert.Null(found.Map);
    }
}
