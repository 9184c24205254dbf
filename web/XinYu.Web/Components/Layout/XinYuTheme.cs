using MudBlazor;

namespace XinYu.Web.Components.Layout;

/// <summary>
/// The app's colours: calm, and dark enough on white for WCAG AA (4.5:1 for text). MudBlazor's default primary
/// (#594AE2) passes; its default "warning" orange and "info" blue do not as text, so they are darkened here.
/// </summary>
public static class XinYuTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1B5E20",
            AppbarBackground = "#1B5E20",
            Secondary = "#37474F",
            Error = "#B71C1C",
            Warning = "#8A4B00",
            Info = "#0D47A1",
            Success = "#1B5E20",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "sans-serif"] },
        },
    };
}
