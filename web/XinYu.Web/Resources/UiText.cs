namespace XinYu.Web.Resources;

/// <summary>
/// The app's words. UiText.resx holds the Chinese (zh-CN, the default for every user); UiText.en.resx the English.
/// A page takes them with <c>IStringLocalizer&lt;UiText&gt;</c>; a key missing from a language shows the key itself,
/// which a test catches (ResourceTests).
/// </summary>
public sealed class UiText;
