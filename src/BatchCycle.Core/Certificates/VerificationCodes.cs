using System.Buffers.Text;
using System.Security.Cryptography;
using QRCoder;

namespace BatchCycle.Certificates;

/// <summary>
/// The code printed on a certificate and behind its QR code. Anyone holding the code can look the certificate
/// up on the public <c>/verify</c> page, so it must not be guessable from a serial or from another code: 144
/// random bits from the operating system's generator, written base64url without padding (24 characters).
/// </summary>
public static class VerificationCodes
{
    private const int RandomBytes = 18;

    /// <summary>
    /// A new code, never beginning with '-' or '_': a spreadsheet takes a leading '-' for a formula, so the CSV
    /// lists would have to guard the code with an apostrophe that a reader then copies with it. Drawing again in
    /// those 2 cases of 64 leaves the code well over 128 random bits.
    /// </summary>
    public static string New()
    {
        while (true)
        {
            var code = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));
            if (char.IsAsciiLetterOrDigit(code[0]))
            {
                return code;
            }
        }
    }

    /// <summary>The public verification page of a code, under the dashboard's base address.</summary>
    public static string VerifyUrl(string verifyBaseUrl, string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(verifyBaseUrl);
        return $"{verifyBaseUrl.TrimEnd('/')}/verify/{Uri.EscapeDataString(code)}";
    }

    /// <summary>
    /// The QR code of a link as an SVG data URI, so that the certificate is one self-contained HTML document
    /// (no image files beside it; scales sharply in print). Medium error correction survives a creased page.
    /// </summary>
    public static string QrCodeDataUri(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        using var code = new SvgQRCode(data);
        var svg = code.GetGraphic(8, "#000000", "#ffffff", true, SvgQRCode.SizingMode.ViewBoxAttribute);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
    }
}
