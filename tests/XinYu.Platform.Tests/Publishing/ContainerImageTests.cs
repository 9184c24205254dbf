using System.Text.Json.Nodes;
using XinYu.AppHost.Publishing;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Publishing;

/// <summary>
/// The images `dotnet publish -t:PublishContainer` would build (evaluated with `dotnet msbuild -getProperty`, which needs
/// no base image) are the ones the published Deployments run, as the user their pods run as. Building the images needs
/// the base image's registry, which this machine cannot reach.
/// </summary>
public sealed class ContainerImageTests
{
    [Fact]
    public async Task Each_project_builds_the_image_its_Deployment_runs_as_the_user_its_pod_runs_as()
    {
        var model = KubernetesTools.Model();
        var city = await KubernetesTools.DefaultRenderAsync("overlays/city");
        var evaluations = await Task.WhenAll(model.OfType<PublishedProject>().Select(async project =>
        {
            var (code, stdout, stderr) = await ExternalTools.RunAsync("dotnet",
                ["msbuild", Path.Combine(RepositoryPaths.Root, project.ProjectPath), "-nologo",
                 "-getProperty:ContainerRepository", "-getProperty:ContainerImageTag", "-getProperty:ContainerUser",
                 "-getProperty:ContainerBaseImage"], null, TimeSpan.FromMinutes(2));
            Assert.True(code == 0, $"msbuild {project.ProjectPath}: {stdout}{stderr}");
            return (project, properties: JsonNode.Parse(stdout)!["Properties"]!);
        }));

        foreach (var (project, properties) in evaluations)
        {
            var deployment = city.Get("Deployment", project.Name);
            Assert.Equal($"{properties["ContainerRepository"]}:{properties["ContainerImageTag"]}",
                (string?)KubernetesTools.Container(deployment)["image"]);
            Assert.Equal((string?)properties["ContainerUser"],
                deployment["spec"]!["template"]!["spec"]!["securityContext"]!["runAsUser"]!.ToJsonString());
            Assert.False(string.IsNullOrEmpty((string?)properties["ContainerBaseImage"]), $"{project.Name} has no base image");
        }
    }
}
