using XinYu.Records.Data;
using XinYu.Testing.Services;

namespace XinYu.Records.Tests;

/// <summary>
/// The real records service on a fresh <c>recordsdb</c> of the test servers (see <see cref="ServiceApp{TEntryPoint, TContext}"/>).
/// Each instance consumes from its own queues: test classes run in parallel, each with its own database, and would
/// otherwise take each other's messages from the shared RabbitMQ.
/// Open for a variant with a clock of its own (<see cref="Api.BeijingHalfPastMidnightApp"/>).
/// </summary>
public class RecordsApp() : ServiceApp<Program, RecordsDbContext>("recordsdb");
