using XinYu.Screening.Data;
using XinYu.Testing.Services;

namespace XinYu.Screening.Tests;

/// <summary>The real screening service on a fresh <c>screeningdb</c> of the test servers (see <see cref="ServiceApp{TEntryPoint, TContext}"/>).</summary>
public sealed class ScreeningApp() : ServiceApp<Program, ScreeningDbContext>("screeningdb");
