namespace Platform.Testing;

/// <summary>Folders of the repository, found from the test binaries' location.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>
    /// The folder holding Platform.sln (or Platform.slnx), found by walking up from
    /// <see cref="AppContext.BaseDirectory"/>; failing that, the nearest folder holding <c>.git</c>.
    /// </summary>
    public static string Root => RootPath.Value;

    /// <summary>The folder of the local start scripts (postgres.sh, rabbitmq.sh, ...).</summary>
    public static string DeployLocal => Path.Combine(Root, "deploy", "local");

    private static string FindRoot()
    {
        var start = new DirectoryInfo(AppContext.BaseDirectory);
        var root = WalkUp(start, d => File.Exists(Path.Combine(d.FullName, "Platform.sln"))
                                      || File.Exists(Path.Combine(d.FullName, "Platform.slnx")))
                   ?? WalkUp(start, d => Directory.Exists(Path.Combine(d.FullName, ".git"))
                                         || File.Exists(Path.Combine(d.FullName, ".git")));
        return root?.FullName
               ?? throw new InvalidOperationException(
                   $"No folder holding Platform.sln (or .git) above {AppContext.BaseDirectory}.");
    }

    private static DirectoryInfo? WalkUp(DirectoryInfo? folder, Func<DirectoryInfo, bool> isRoot)
    {
        for (; folder is not null; folder = folder.Parent)
        {
            if (isRoot(folder))
            {
                return folder;
            }
        }

        return null;
    }
}
