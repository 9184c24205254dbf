using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace XinYu.ServiceDefaults.Logging;

/// <summary>
/// XinYu's data classes. Log statements that must mention a person (a failed sign-in, a rejected import row) mark
/// the parameter, and the logging pipeline erases it: the line keeps its shape, the person is gone. The rule still
/// stands that such data is not logged at all where an id will do.
/// </summary>
public static class XinYuData
{
    public const string TaxonomyName = "XinYu";

    /// <summary>Names, e-mail addresses, phone numbers, student numbers (PIPL personal information).</summary>
    public static DataClassification Personal { get; } = new(TaxonomyName, nameof(Personal));

    /// <summary>Health, counselling and family details (PIPL sensitive personal information, Art. 28).</summary>
    public static DataClassification Sensitive { get; } = new(TaxonomyName, nameof(Sensitive));
}

/// <summary>Marks a log parameter as personal data: erased before it reaches any log sink.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class PersonalDataAttribute() : DataClassificationAttribute(XinYuData.Personal);

/// <summary>Marks a log parameter as sensitive personal data: erased before it reaches any log sink.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SensitiveDataAttribute() : DataClassificationAttribute(XinYuData.Sensitive);

public static class RedactionSetup
{
    public static IHostApplicationBuilder AddPersonalDataRedaction(this IHostApplicationBuilder builder)
    {
        builder.Logging.EnableRedaction();
        builder.Services.AddRedaction(redaction =>
            redaction.SetRedactor<ErasingRedactor>(new DataClassificationSet(XinYuData.Personal), new DataClassificationSet(XinYuData.Sensitive)));
        CachingLoggerFactory.AddLoggerCache(builder.Services); // in front of the redacting factory just installed
        return builder;
    }
}
