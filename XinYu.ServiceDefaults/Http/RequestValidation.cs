namespace XinYu.ServiceDefaults.Http;

/// <summary>
/// Checks every service's endpoints (and domain rules) make of a request body before changing anything. Each answers
/// 400 naming the field (<see cref="RequestRejectedException"/>), so a field is checked the same way in every service.
/// </summary>
public static class RequestValidation
{
    /// <summary>The value of a field the body must carry; 400 naming <paramref name="field"/> when it is missing.</summary>
    public static T Required<T>(T? value, string field, string hint) where T : struct =>
        value ?? throw new RequestRejectedException(field, hint);

    /// <summary>
    /// A name, title, code or reference: trimmed, 1 to <paramref name="maxLength"/> characters, no control characters
    /// at all (a line break in a name breaks every list, export and iCalendar line that shows it).
    /// </summary>
    /// <param name="hint">What to write, when the field is missing; "Required." if not given.</param>
    public static string SingleLine(string? value, string field, int maxLength, string? hint = null) =>
        Checked(value, field, maxLength, hint, allowLineBreaks: false);

    /// <summary>As <see cref="SingleLine"/>, but a missing or blank value is <c>null</c>.</summary>
    public static string? OptionalSingleLine(string? value, string field, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? null : Checked(value, field, maxLength, null, allowLineBreaks: false);

    /// <summary>
    /// Notes, descriptions, minutes: trimmed, 1 to <paramref name="maxLength"/> characters; line breaks and tabs
    /// (<c>\n</c>, <c>\r</c>, <c>\t</c>) are kept, any other control character is refused (it shows as nothing, or
    /// corrupts the exports and printouts the text goes into).
    /// </summary>
    /// <param name="hint">What to write, when the field is missing; "Required." if not given.</param>
    public static string MultiLine(string? value, string field, int maxLength, string? hint = null) =>
        Checked(value, field, maxLength, hint, allowLineBreaks: true);

    /// <summary>As <see cref="MultiLine"/>, but a missing or blank value is <c>null</c>.</summary>
    public static string? OptionalMultiLine(string? value, string field, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? null : Checked(value, field, maxLength, null, allowLineBreaks: true);

    private static string Checked(string? value, string field, int maxLength, string? hint, bool allowLineBreaks)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) throw new RequestRejectedException(field, hint ?? "Required.");
        if (text.Length > maxLength) throw new RequestRejectedException(field, $"At most {maxLength} characters.");
        foreach (var c in text)
        {
            if (!char.IsControl(c) || (allowLineBreaks && c is '\n' or '\r' or '\t')) continue;
            throw new RequestRejectedException(field, allowLineBreaks
                ? "Control characters other than line breaks and tabs are not allowed."
                : "One line of text: no line breaks, tabs or other control characters.");
        }
        return text;
    }
}
