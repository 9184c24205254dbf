using System.Security.Cryptography;
using System.Text.Json;
using XinYu.AppHost.Hosting;

namespace XinYu.AppHost.Orchestration;

/// <summary>
/// Generated passwords for a local run, kept in the data folder (mode 600) so that PostgreSQL's and RabbitMQ's
/// stored data still opens after a restart. A city deployment supplies its own through the manifest's parameters.
/// </summary>
public sealed class SecretStore
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private readonly string _path;
    private readonly Dictionary<string, string> _values;

    public SecretStore(string dataDirectory)
    {
        _path = Path.Combine(dataDirectory, "secrets.json");
        _values = File.Exists(_path)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(_path)) ?? []
            : [];
    }

    public string ValueOf(ParameterResource parameter)
    {
        lock (_values)
        {
            if (!_values.TryGetValue(parameter.Name, out var value))
            {
                // Letters and digits only: the value goes into URIs and connection strings unescaped in places.
                value = RandomNumberGenerator.GetString(Alphabet, Math.Max(parameter.MinLength, 22));
                _values[parameter.Name] = value;
                Save();
            }
            return value;
        }
    }

    private void Save()
    {
        File.WriteAllText(_path, JsonSerializer.Serialize(_values));
        File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
