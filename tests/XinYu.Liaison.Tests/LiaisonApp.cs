using XinYu.Liaison.Data;
using XinYu.Testing.Services;

namespace XinYu.Liaison.Tests;

/// <summary>The real liaison service on a fresh <c>liaisondb</c> of the test servers (see <see cref="ServiceApp{TEntryPoint, TContext}"/>).</summary>
public sealed class LiaisonApp() : ServiceApp<Program, LiaisonDbContext>("liaisondb");
