using QRCoder;
using XinYu.ServiceDefaults.Auth;

namespace XinYu.Web.Components.Pages.Campaigns;

/// <summary>
/// The link printed on an answer-code slip, as the public address students reach (the gateway's: <c>Identity:Issuer</c>),
/// and its QR code. The link names only the campaign: the code is typed by the student, never in a QR code or a URL.
/// </summary>
public sealed class AnswerLinks(IConfiguration configuration)
{
    private readonly Uri _public = new(IdentitySettings.From(configuration).Issuer);

    public string For(Guid campaignId) => new Uri(_public, $"/answer/{campaignId}").ToString();

    /// <summary>
    /// The QR code of a link as a PNG data URI (the Content-Security-Policy allows <c>img-src data:</c>): drawn on the
    /// server, no script; error correction M survives a creased slip.
    /// </summary>
    public static string QrDataUri(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(PixelsPerModule);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    /// <summary>Pixels per module: about 150 px for a campaign link, printed at 25 mm (sharp at 150 dpi).</summary>
    public const int PixelsPerModule = 4;
}
