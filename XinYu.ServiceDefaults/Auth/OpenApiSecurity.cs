using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace XinYu.ServiceDefaults.Auth;

/// <summary>
/// Tells a reader of each OpenAPI document how to get a token: the OAuth 2.0 scheme of XinYu's identity server at its
/// public address (through the gateway), and which operations need it — all but those that allow anonymous callers
/// (a calendar feed, the sign-in and OpenID Connect endpoints). Health and the documents themselves are not listed.
/// </summary>
public static class OpenApiSecurity
{
    public const string SchemeName = "xinyu";

    public static OpenApiOptions AddXinYuSecurityScheme(this OpenApiOptions options, IdentitySettings identity)
    {
        var authorize = new Uri(identity.Issuer + "connect/authorize");
        var token = new Uri(identity.Issuer + "connect/token");
        var scopes = new Dictionary<string, string>
        {
            [XinYuScopes.Api] = "Staff: the XinYu API as the signed-in person (authorization code with PKCE).",
            [XinYuScopes.Referrals] = "Partner: referrals addressed to the calling hospital.",
            [XinYuScopes.CrisisExport] = "Partner: the provincial crisis platform's pull of high-risk cases.",
            [XinYuScopes.JointCases] = "Partner: joint crisis cases shared with the calling agency.",
        };
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "A bearer access token from XinYu's identity server: staff sign in (authorization code with " +
                    "PKCE), partner agencies' systems use client credentials.",
                Flows = new OpenApiOAuthFlows
                {
                    AuthorizationCode = new OpenApiOAuthFlow { AuthorizationUrl = authorize, TokenUrl = token, Scopes = scopes },
                    ClientCredentials = new OpenApiOAuthFlow { TokenUrl = token, Scopes = scopes },
                },
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            // The fallback policy (a signed-in caller) covers every endpoint that does not say otherwise.
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any()) return Task.CompletedTask;
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
            return Task.CompletedTask;
        });
        return options;
    }
}
