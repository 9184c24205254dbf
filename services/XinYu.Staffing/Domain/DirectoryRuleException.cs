namespace XinYu.Staffing.Domain;

/// <summary>A change the directory's rules refuse. <see cref="Field"/> names the input at fault, so the API can say which.</summary>
public sealed class DirectoryRuleException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
