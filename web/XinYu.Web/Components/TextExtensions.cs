using Microsoft.Extensions.Localization;
using XinYu.Web.Resources;

namespace XinYu.Web.Components;

public static class TextExtensions
{
    /// <summary>
    /// The word for a code the API sends (a level, a source, a tier), or the code itself when the app has no word for
    /// it: a bureau may configure its own risk levels (Screening:RiskLevels), which the app then shows as they are named.
    /// </summary>
    public static string Code(this IStringLocalizer<UiText> text, string prefix, string code)
    {
        var word = text[$"{prefix}_{code}"];
        return word.ResourceNotFound ? code : word.Value;
    }
}
