using System.Text;
using BatchCycle.Import;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Import;

/// <summary>CSV files in UTF-8 (with or without BOM), GB18030/GBK and Big5, as docs/inputs.md says they arrive.</summary>
public sealed class EncodingTests
{
    static EncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TheoryData<string, bool, bool> Cases() => new()
    {
        { "utf-8", false, true },
        { "utf-8-bom", false, true },
        { "gb18030", false, true },
        { "big5", true, true },
        { "gb18030", false, false },
        { "big5", true, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Csv_files_are_read_in_their_encoding(string encodingName, bool traditional, bool chineseHeaders)
    {
        string T(string text) => traditional ? TestFiles.Traditional(text) : text;
        object?[] header = chineseHeaders
            ? [T("申请编号"), T("标志类别"), T("申请类别"), T("申请公司名称"), T("递交日期")]
            : ["ApplicationId", "LabelType", "Kind", "ApplicantName", "SubmittedOn"];
        var name = T("东莞恒丰五金制品有限公司");
        var text = TestFiles.Csv([header, ["A-1", "M", T("新申请"), name, "2025年5月14日"]]);
        var bytes = encodingName switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(text),
            "utf-8-bom" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
            "gb18030" => Encoding.GetEncoding("GB18030").GetBytes(text),
            _ => Encoding.GetEncoding(950).GetBytes(text),
        };

        var encoding = CsvFile.DetectEncoding(bytes, CancellationToken.None);
        var import = TestFiles.Import(("apps.csv", bytes));

        Assert.Equal(encodingName.StartsWith("utf-8", StringComparison.Ordinal) ? 65001 : encodingName == "big5" ? 950 : 54936, encoding.CodePage);
        Assert.Empty(import.Issues);
        Assert.Equal(name, Assert.Single(import.ToCycleData().Applications).ApplicantName);
    }
}
