using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace XinYu.Identity.Server;

/// <summary>Gives OpenIddict the stored keys when its options are first built (after migrations have run).</summary>
internal sealed class ServerKeysSetup(SigningKeyStore store) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        // Options are built once per process, on first use; blocking here happens once, at start.
        var (signing, encryption) = store.LoadAsync(CancellationToken.None).GetAwaiter().GetResult();
        foreach (var key in signing)
        {
            options.SigningCredentials.Add(new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
        }
        foreach (var key in encryption)
        {
            options.EncryptionCredentials.Add(new EncryptingCredentials(key, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
        }
    }
}
