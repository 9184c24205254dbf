using XinYu.Messaging.Directory;

namespace XinYu.Identity.Data;

/// <summary>A class of the directory (Staffing's ClassOpened / ClassClosed): accounts may only name open classes of their school.</summary>
public sealed class KnownClass : KnownClassCopy
{
    public DateTimeOffset? ClosedAt { get; set; }
}
