using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace XinYu.Gateway;

/// <summary>A backend is healthy when its own /health says so (its database, cache and broker answer).</summary>
internal sealed class BackendHealthCheck(IHttpClientFactory clients, Backend backend) : IHealthCheck
{
    public const string HttpClientName = "backend-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await clients.CreateClient(HttpClientName).GetAsync($"{backend.Address}/health", cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(context.Registration.FailureStatus, $"{backend.ServiceName} answers {(int)response.StatusCode}.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or TimeoutException
            or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{backend.ServiceName} does not answer.");
        }
    }
}
