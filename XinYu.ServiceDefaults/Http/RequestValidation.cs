namespace XinYu.ServiceDefaults.Http;

/// <summary>Checks every service's endpoints make of a request body before changing anything.</summary>
public static class RequestValidation
{
    /// <summary>The value of a field the body must carry; 400 naming <paramref name="field"/> when it is missing.</summary>
    public static T Required<T>(T? value, string field, string hint) where T : struct =>
        value ?? throw new RequestRejectedException(field, hint);
}
