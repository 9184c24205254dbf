namespace XinYu.Screening.Domain;

/// <summary>Input the screening rules refuse. <see cref="Field"/> names the JSON field at fault (camelCase, <c>answers[3]</c>).</summary>
public class ScreeningRuleException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// A request the rules refuse because of the state it meets, not its content (a second open plan, a closed plan): the
/// same request may succeed later, so the API answers 409 rather than 400.
/// </summary>
public sealed class ScreeningConflictException(string field, string message) : ScreeningRuleException(field, message);
