using XinYu.Staffing.Data;
using XinYu.Testing.Services;

namespace XinYu.Staffing.Tests.Api;

/// <summary>The real staffing service on a fresh <c>staffingdb</c> of the test servers (see <see cref="ServiceApp{TEntryPoint, TContext}"/>).</summary>
public sealed class StaffingApp() : ServiceApp<Program, StaffingDbContext>("staffingdb");
