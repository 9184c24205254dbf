using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using XinYu.Web.Auth;

namespace XinYu.Web.Api;

/// <summary>
/// Adds the signed-in member of staff's access token (refreshed when due, <see cref="UserTokenStore"/>) to every call
/// the web app makes to the gateway. The user comes from the circuit (interactive pages) or the request (pages
/// rendered on the server). With no session left the call is not sent: it answers 401 and the page asks the member of
/// staff to sign in again.
/// </summary>
internal sealed class UserTokenHandler(CircuitServicesAccessor circuit, IHttpContextAccessor http, UserTokenStore tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        if (user is null || await tokens.AccessTokenAsync(user, cancellationToken) is not { } token)
        {
            return new HttpResponseMessage(HttpStatusCode.Unauthorized) { RequestMessage = request };
        }
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<ClaimsPrincipal?> CurrentUserAsync()
    {
        if (circuit.Services?.GetService<AuthenticationStateProvider>() is { } state)
        {
            return (await state.GetAuthenticationStateAsync()).User;
        }
        return http.HttpContext?.User;
    }
}
