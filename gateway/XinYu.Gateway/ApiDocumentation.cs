using Scalar.AspNetCore;

namespace XinYu.Gateway;

public static class ApiDocumentation
{
    /// <summary>One page (/docs) listing every service's OpenAPI document, fetched through the gateway.</summary>
    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        var backends = Backend.From(app.Configuration);
        app.MapScalarApiReference("/docs", options =>
        {
            options.WithTitle("XinYu API");
            foreach (var backend in backends)
            {
                options.AddDocument(backend.PathName, backend.PathName, $"/openapi/{backend.PathName}.json");
            }
        }).AllowAnonymous();
        return app;
    }
}
