using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinYu.Contracts;
using XinYu.Messaging.Inbox;

namespace XinYu.Messaging.Copies;

/// <summary>
/// A row a service keeps as its copy of another service's entity (the directory's schools, classes and staff,
/// Records' students, Identity's accounts and partner clients, Calendar's terms), learned from that service's events.
/// The service owns the table (its DbContext maps it, with <see cref="LocalCopyModel.IsLocalCopy"/>);
/// <see cref="LocalCopyConsumer{TMessage,TContext,TCopy}"/> keeps it.
/// </summary>
public interface ILocalCopy
{
    /// <summary>
    /// When the latest applied event happened (its <see cref="IntegrationEvent.OccurredAt"/>, the only order every event
    /// carries): an event older than this, arriving late from another queue or a retry, changes nothing.
    /// </summary>
    DateTimeOffset SourceChangedAt { get; set; }

    /// <summary>How many events changed this copy. The inbox applies each event once, so a redelivery never adds to it.</summary>
    int SourceEvents { get; set; }
}

public static class LocalCopyModel
{
    public const string ChangedAtColumn = "source_changed_at";
    public const string EventsColumn = "source_events";

    /// <summary>Maps the columns every copy has (snake case, like the outbox and inbox tables).</summary>
    public static EntityTypeBuilder<T> IsLocalCopy<T>(this EntityTypeBuilder<T> entity) where T : class, ILocalCopy
    {
        entity.Property<DateTimeOffset>(nameof(ILocalCopy.SourceChangedAt)).HasColumnName(ChangedAtColumn);
        entity.Property<int>(nameof(ILocalCopy.SourceEvents)).HasColumnName(EventsColumn);
        return entity;
    }

    /// <summary>The school an event concerns, which every directory and roster event must name.</summary>
    public static Guid RequiredSchoolId(this IntegrationEvent message) =>
        message.SchoolId ?? throw new InvalidMessageException($"{message.GetType().Name} without a school id.");
}
