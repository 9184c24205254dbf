namespace XinYu.EndToEnd.Tests;

public static partial class AccessMatrix
{
    /// <summary>The calendar service's endpoints (beyond those listed in AccessMatrix.cs) and who may call them.</summary>
    // A property, not a field: the table in AccessMatrix.cs reads it while initialising, whatever the file order.
    private static EndpointAccess[] Calendar =>
    [
    ];
}
