using System.Text;
using BatchCycle.Certificates;
using BatchCycle.Files;

namespace BatchCycle.Tests.Certificates;

public sealed class VerificationCodeTests
{
    [Fact]
    public void Codes_are_url_safe_unpadded_and_carry_at_least_128_random_bits()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => VerificationCodes.New()).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, code =>
        {
            Assert.Matches("^[A-Za-z0-9_-]+$", code);
            Assert.True(code.Length * 6 >= 128, $"{code} is too short to hold 128 bits");
        });
        // Every position varies: nothing fixed (a prefix, a counter) that would help guessing.
        for (var i = 0; i < codes[0].Length - 1; i++)
        {
            Assert.True(codes.Select(c => c[i]).Distinct().Count() > 40, $"position {i} barely varies");
        }
    }

    [Fact]
    public void Codes_begin_with_a_letter_or_a_digit_so_that_a_spreadsheet_never_takes_one_for_a_formula()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => VerificationCodes.New()).ToList();

        Assert.All(codes, code => Assert.False(CsvOutput.IsFormulaLike(code) || code[0] == '_', code));
        Assert.True(codes.Select(c => c[0]).Distinct().Count() > 50, "the first character barely varies");
    }

    [Theory]
    [InlineData("https://cpp.example.org.hk", "https://cpp.example.org.hk/verify/abc_-1")]
    [InlineData("https://cpp.example.org.hk/", "https://cpp.example.org.hk/verify/abc_-1")]
    [InlineData("http://127.0.0.1:5080/labels", "http://127.0.0.1:5080/labels/verify/abc_-1")]
    public void The_verification_link_is_the_dashboards_verify_page(string baseUrl, string expected) =>
        Assert.Equal(expected, VerificationCodes.VerifyUrl(baseUrl, "abc_-1"));

    [Fact]
    public void The_QR_code_is_an_embedded_svg_image()
    {
        var uri = VerificationCodes.QrCodeDataUri("https://cpp.example.org.hk/verify/abc");

        const string prefix = "data:image/svg+xml;base64,";
        Assert.StartsWith(prefix, uri);
        var svg = Encoding.UTF8.GetString(Convert.FromBase64String(uri[prefix.Length..]));
        Assert.Contains("<svg", svg);
        Assert.Contains("viewBox", svg);
    }
}
