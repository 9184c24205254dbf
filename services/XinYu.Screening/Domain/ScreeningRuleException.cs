namespace XinYu.Screening.Domain;

/// <summary>Input the screening rules refuse. <see cref="Field"/> names the JSON field at fault (camelCase, <c>answers[3]</c>).</summary>
public sealed class ScreeningRuleException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
