using System.Diagnostics;
using XinYu.Testing;

namespace XinYu.Bench;

/// <summary>
/// Debian's nginx as a plain reverse proxy to one service, for the gateway's cost comparison: keep-alive upstream
/// connections, no access log, as many workers as cores — what an operator would put in front without YARP.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    public Uri Address { get; }

    private NginxProxy(Process process, string directory, Uri address) => (_process, _directory, Address) = (process, directory, address);

    public static async Task<NginxProxy> StartAsync(Uri upstream)
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed (`./xinyu.sh bench` installs Debian's package).");
        var directory = Directory.CreateTempSubdirectory("xinyu-nginx-").FullName;
        var port = TestPorts.Free();
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
            worker_processes auto;
            daemon off;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 4096; }
            http {
              access_log off;
              client_body_temp_path {{directory}}/body;
              proxy_temp_path {{directory}}/proxy;
              upstream service { server {{upstream.Host}}:{{upstream.Port}}; keepalive 128; }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://service;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $host;
                }
              }
            }
            """);
        var info = new ProcessStartInfo(nginx) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-p", directory, "-c", Path.Combine(directory, "nginx.conf") }) info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        var address = new Uri($"http://127.0.0.1:{port}");
        using var probe = new HttpClient();
        for (var i = 0; i < 50; i++)
        {
            if (process.HasExited) throw new InvalidOperationException("nginx did not start: " + await process.StandardError.ReadToEndAsync());
            try { using var _ = await probe.GetAsync(new Uri(address, "/alive")); return new NginxProxy(process, directory, address); }
            catch (HttpRequestException) { await Task.Delay(100); }
        }
        throw new InvalidOperationException("nginx did not answer within 5 s.");
    }


    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        // nginx's workers are its children; a QUIT to a leftover master is not needed once the tree is killed.
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
