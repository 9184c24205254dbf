using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using XinYu.ServiceDefaults.Http;

namespace XinYu.Platform.Tests.Http;

/// <summary>How the one exception handler answers: a rule broken names its field; a database that is down is a 503, however EF Core wraps it.</summary>
[Trait("Category", "Unit")]
public sealed class ProblemDetailsTests
{
    private static async Task<HttpResponseMessage> AnswerToAsync(Exception exception)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddXinYuProblemDetails();
        await using var app = builder.Build();
        app.UseExceptionHandler();
        app.MapGet("/fail", (HttpContext _) => { throw exception; });
        await app.StartAsync();
        return await app.GetTestClient().GetAsync("/fail");
    }

    public static TheoryData<string> UnavailableChains => ["driver", "retries exhausted", "save failed"];

    [Theory]
    [MemberData(nameof(UnavailableChains))]
    public async Task A_database_that_cannot_be_reached_is_503_problem_details_with_retry_after(string chain)
    {
        var driver = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111));
        Exception exception = chain switch
        {
            "driver" => driver,
            // EF Core's retrying execution strategy, when retries run out.
            "retries exhausted" => new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", driver),
            _ => new DbUpdateException("An error occurred while saving the entity changes.", driver),
        };

        using var response = await AnswerToAsync(exception);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter is not null);
        Assert.DoesNotContain("127.0.0.1", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_database_refusing_a_statement_is_our_error_500_not_unavailable()
    {
        var tooLong = new PostgresException("value too long for type character varying(100)", "ERROR", "ERROR", "22001");

        using var response = await AnswerToAsync(new DbUpdateException("An error occurred while saving the entity changes.", tooLong));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task The_database_shutting_down_is_503()
    {
        using var response = await AnswerToAsync(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task An_unexpected_error_is_500_without_its_message()
    {
        using var response = await AnswerToAsync(new InvalidOperationException("secret detail"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("secret detail", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_broken_rule_is_400_naming_the_field()
    {
        using var response = await AnswerToAsync(new RequestRejectedException("answers[8]", "Out of range."));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"answers[8]\"", await response.Content.ReadAsStringAsync());
    }

    public sealed record PlanRequest(string Title, int[] Answers);

    /// <summary>An endpoint taking a JSON body as the services' do, behind the one handler.</summary>
    private static async Task<HttpResponseMessage> PostAsync(string path, HttpContent? content)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddXinYuProblemDetails();
        await using var app = builder.Build();
        app.UseExceptionHandler();
        app.MapPost("/plans", (PlanRequest request) => Results.Ok());
        app.MapPost("/plans/{number}", (int number, PlanRequest request) => Results.Ok());
        await app.StartAsync();
        return await app.GetTestClient().PostAsync(path, content);
    }

    private static async Task<System.Text.Json.JsonElement> ErrorsOfAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("errors");
    }

    public static TheoryData<string, string?> MissingBodies => new()
    {
        { "no content at all", null },
        { "an empty JSON body", "" },
        { "the JSON null", "null" },
    };

    [Theory]
    [MemberData(nameof(MissingBodies))]
    public async Task A_missing_body_is_400_naming_the_body_not_the_frameworks_parameter(string _, string? json)
    {
        using var response = await PostAsync("/plans", json is null ? null : new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var errors = await ErrorsOfAsync(response);
        Assert.Equal(["A JSON body is required."], errors.GetProperty("body").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("Implicit body", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("request", errors.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_malformed_body_is_400_naming_the_json_path_at_fault()
    {
        using var response = await PostAsync("/plans", new StringContent("""{"title":"x","answers":[1,"two"]}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.True((await ErrorsOfAsync(response)).TryGetProperty("answers[1]", out _));
    }

    [Fact]
    public async Task A_bad_route_value_beside_a_good_body_is_not_blamed_on_the_body()
    {
        using var response = await PostAsync("/plans/abc", new StringContent("""{"title":"x","answers":[1]}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("\"body\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
