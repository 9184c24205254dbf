namespace XinYu.Messaging.Copies;

/// <summary>
/// The columns every local copy has, written once: a copy entity derives from this (or from one of the copies below,
/// <see cref="PlacedStudent"/>, <see cref="TermCopy"/>, <c>KnownSchoolCopy</c>, <c>KnownClassCopy</c>) and adds only
/// what its service keeps. The base is no entity of its own: each service's DbContext maps its derived class, so the
/// tables and their column names stay the service's.
/// </summary>
public abstract class LocalCopy : ILocalCopy
{
    public DateTimeOffset SourceChangedAt { get; set; }
    public int SourceEvents { get; set; }
}
