using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using XinYu.ServiceDefaults.Data;
using XinYu.ServiceDefaults.Data.KeyRing;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Data;

/// <summary>The tests that touch the shared legacy ring's fixed Redis key run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KeyRingCollection
{
    public const string Name = "data protection key rings";
}

[Collection(KeyRingCollection.Name)]
public sealed class KeyRingTests
{
    private const string Purpose = "XinYu.Tests.KeyRing";

    public static string NewKek() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>A process of service <paramref name="application"/> (its ring) with <paramref name="kek"/>, as Program sets it up.</summary>
    public static async Task<IHost> ServiceAsync(string application, string? kek, Action<IServiceCollection>? services = null)
    {
        const string environment = "Production";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = application, EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:cache"] = await TestServers.ConnectionStringAsync("cache"),
            [KeyEncryptionKeys.Setting] = kek,
        });
        builder.AddRedisConnection("cache");
        builder.AddSharedDataProtection();
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    private static IDataProtector Protector(IHost host) => host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    private static async Task<IDatabase> RedisAsync() =>
        (await ConnectionMultiplexer.ConnectAsync(await TestServers.ConnectionStringAsync("cache"))).GetDatabase();

    private static string NewApplication() => "XinYu.Tests.Ring" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task The_stored_ring_holds_no_plaintext_key_material()
    {
        var application = NewApplication();
        using var host = await ServiceAsync(application, NewKek());
        _ = Protector(host).Protect("家访记录"); // makes the ring's first key

        var redis = await RedisAsync();
        var stored = (await redis.ListRangeAsync(RedisKeyRing.KeyOf(application.ToLowerInvariant()))).Select(v => (string)v!).ToList();
        Assert.NotEmpty(stored);
        var keys = host.Services.GetRequiredService<KeyEncryptionKeys>();
        foreach (var raw in stored.Where(r => r.StartsWith("<key", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain("masterKey", raw);
            Assert.DoesNotContain("unencrypted", raw);
            Assert.Contains("urn:xinyu:data-protection:kek", raw);
            // The master key itself, unwrapped with the KEK, appears nowhere in what Redis holds.
            var wrapped = XElement.Parse(raw).Descendants(AesGcmXmlEncryptor.Namespace + "encryptedKey").Single();
            var masterKey = new AesGcmXmlDecryptor(host.Services).Decrypt(wrapped).Descendants("value").Single().Value;
            Assert.True(masterKey.Length > 40);
            Assert.DoesNotContain(masterKey, raw);
        }
    }

    [Fact]
    public async Task Data_protected_before_a_restart_unprotects_after()
    {
        var application = NewApplication();
        var kek = NewKek();
        string payload;
        using (var before = await ServiceAsync(application, kek))
        {
            payload = Protector(before).Protect("母亲长期住院");
        }
        using var after = await ServiceAsync(application, kek);
        Assert.Equal("母亲长期住院", Protector(after).Unprotect(payload));
    }

    [Fact]
    public async Task Without_the_key_encryption_key_or_with_another_the_ring_cannot_be_read()
    {
        var application = NewApplication();
        string payload;
        using (var owner = await ServiceAsync(application, NewKek()))
        {
            payload = Protector(owner).Protect("母亲长期住院");
        }

        using (var thief = await ServiceAsync(application, NewKek()))
        {
            Assert.ThrowsAny<CryptographicException>(() => Protector(thief).Unprotect(payload));
        }
        // No KEK at all: outside Development the service does not start, and its key ring cannot even be built.
        using var keyless = await ServiceAsync(application, kek: null);
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => keyless.StartAsync());
        Assert.Contains(KeyEncryptionKeys.Setting, refused.Message);
        var noRing = Assert.ThrowsAny<Exception>(() => Protector(keyless).Unprotect(payload));
        Assert.Contains(KeyEncryptionKeys.Setting, noRing.ToString());
    }

    [Fact]
    public async Task A_key_encryption_key_that_is_not_32_bytes_of_base64_stops_the_start_naming_the_setting()
    {
        using var host = await ServiceAsync(NewApplication(), "not-a-key");
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(KeyEncryptionKeys.Setting, refused.Message);
        Assert.DoesNotContain("not-a-key", refused.Message);
    }

    [Fact]
    public async Task One_services_ring_does_not_read_another_services_columns()
    {
        var kek = NewKek(); // even with the same KEK: the rings are separate
        using var records = await ServiceAsync(NewApplication(), kek);
        using var liaison = await ServiceAsync(NewApplication(), kek);
        var payload = Protector(records).Protect("母亲长期住院");
        Assert.ThrowsAny<CryptographicException>(() => Protector(liaison).Unprotect(payload));
    }

    [Fact]
    public async Task A_ring_written_before_per_service_rings_still_decrypts_and_is_kept_wrapped()
    {
        var redis = await RedisAsync();
        await redis.KeyDeleteAsync(RedisKeyRing.LegacyKey);
        try
        {
            // Today's main: one plaintext ring for every service, application name "xinyu".
            var legacyServices = new ServiceCollection();
            legacyServices.AddDataProtection().SetApplicationName("xinyu")
                .PersistKeysToStackExchangeRedis(await ConnectionMultiplexer.ConnectAsync(await TestServers.ConnectionStringAsync("cache")), RedisKeyRing.LegacyKey);
            byte[] old;
            await using (var legacy = legacyServices.BuildServiceProvider())
            {
                old = legacy.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect(Encoding.UTF8.GetBytes("旧的笔记"));
            }
            Assert.Contains("masterKey", (string)(await redis.ListRangeAsync(RedisKeyRing.LegacyKey)).Single()!);

            var application = NewApplication();
            var kek = NewKek();
            using (var first = await ServiceAsync(application, kek))
            {
                Assert.Equal("旧的笔记", Encoding.UTF8.GetString(Protector(first).Unprotect(old)));
                // New data gets a key of the service's own, not the shared one.
                var fresh = Protector(first).Protect("新的笔记"u8.ToArray());
                Assert.NotEqual(KeyIdOf(old), KeyIdOf(fresh));
            }
            using (var second = await ServiceAsync(application, kek)) // a restart: imports nothing twice
            {
                Assert.Equal("旧的笔记", Encoding.UTF8.GetString(Protector(second).Unprotect(old)));
            }
            var own = (await redis.ListRangeAsync(RedisKeyRing.KeyOf(application.ToLowerInvariant()))).Select(v => (string)v!).ToList();
            Assert.Equal(2, own.Count(e => e.StartsWith("<key", StringComparison.Ordinal)));
            Assert.All(own, e => Assert.DoesNotContain("masterKey", e));
        }
        finally
        {
            await redis.KeyDeleteAsync(RedisKeyRing.LegacyKey);
        }
    }

    /// <summary>Data Protection's payload: a 4-byte magic header, then the id of the key that protected it.</summary>
    private static Guid KeyIdOf(byte[] payload) => new(payload.AsSpan(4, 16));
}
