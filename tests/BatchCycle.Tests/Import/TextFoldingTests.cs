using BatchCycle.Import;

namespace BatchCycle.Tests.Import;

public sealed class TextFoldingTests
{
    [Theory]
    [InlineData("申請編號", "申请编号")]
    [InlineData("東莞恒豐五金製品有限公司", "东莞恒丰五金制品有限公司")]
    [InlineData("香港", "香港")]
    [InlineData("ABC 123", "ABC 123")]
    public void Traditional_characters_become_simplified(string text, string expected) =>
        Assert.Equal(expected, TextFolding.ToSimplified(text));

    [Theory]
    [InlineData("Application ID", "applicationid")]
    [InlineData("application_id", "applicationid")]
    [InlineData("ＡｐｐｌｉｃａｔｉｏｎＩＤ", "applicationid")]
    [InlineData(" 申請編號 ", "申请编号")]
    [InlineData("资助金额（港元）", "资助金额港元")]
    [InlineData("股东持有内地企业股份%", "股东持有内地企业股份")]
    public void Header_keys_ignore_case_width_spaces_and_punctuation(string header, string expected) =>
        Assert.Equal(expected, TextFolding.Key(header));

    [Fact]
    public void Fold_collapses_white_space_and_folds_width_and_case() =>
        Assert.Equal("abc ltd 公司", TextFolding.Fold("  ＡＢＣ　 Ltd  公司 "));
}
