using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;

namespace XinYu.Messaging.Outbox;

public static class OutboxExtensions
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Queues <paramref name="message"/> for publishing when this context's changes commit: same transaction, so the
    /// change and its event are stored together or not at all.
    /// </summary>
    /// <param name="aggregateKey">Events with the same key reach consumers in the order they were queued.</param>
    public static void Publish<TMessage>(this DbContext db, TMessage message, string aggregateKey) where TMessage : IntegrationEvent
    {
        var type = message.GetType();
        var row = new OutboxMessage
        {
            MessageId = message.MessageId,
            MessageType = TypeName(type),
            Payload = JsonSerializer.Serialize(message, type, Json),
            AggregateKey = aggregateKey,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        OutboxTraceContext.Capture(row);
        db.Set<OutboxMessage>().Add(row);
        if (message is IUrgentEvent)
        {
            UrgentMarks.Mark(db);
            UrgentTypes.TryAdd(row.MessageType, 0);
        }
    }

    /// <summary>
    /// The stored type names of urgent events (<see cref="IUrgentEvent"/>), which the relay sends in a lane of their own: every one in
    /// XinYu.Contracts, where the suite's events live (so a replica relays another's urgent rows as urgent), and any
    /// other this process has published.
    /// </summary>
    public static string[] UrgentTypeNames => [.. UrgentTypes.Keys];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> UrgentTypes = new(
        typeof(IUrgentEvent).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false } && typeof(IUrgentEvent).IsAssignableFrom(t))
            .Select(t => KeyValuePair.Create(TypeName(t), (byte)0)), StringComparer.Ordinal);

    internal static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
