using XinYu.Calendar.Data;
using XinYu.Testing.Services;

namespace XinYu.Calendar.Tests;

/// <summary>The real calendar service on a fresh <c>calendardb</c> of the test servers (see <see cref="ServiceApp{TEntryPoint, TContext}"/>).</summary>
public sealed class CalendarApp() : ServiceApp<Program, CalendarDbContext>("calendardb");
