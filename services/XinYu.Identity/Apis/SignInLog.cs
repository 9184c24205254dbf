using XinYu.ServiceDefaults.Logging;

namespace XinYu.Identity.Apis;

/// <summary>Sign-in events for operators. The e-mail is marked personal data: redaction erases it from every log.</summary>
internal static partial class SignInLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused for {Email} (locked out: {LockedOut})")]
    public static partial void Refused(ILogger logger, [PersonalData] string email, bool lockedOut);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in throttled for {Email}")]
    public static partial void Throttled(ILogger logger, [PersonalData] string email);
}
