using XinYu.Records.Data;
using XinYu.Testing.Services;

namespace XinYu.Records.Tests;

/// <summary>The real records service on a fresh <c>recordsdb</c> of the test servers (see <see cref="ServiceApp{TEntryPoint, TContext}"/>).</summary>
public sealed class RecordsApp() : ServiceApp<Program, RecordsDbContext>("recordsdb");
