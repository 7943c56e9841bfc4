using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Platform.Contracts.Grpc.Households.V1;

namespace Platform.DemoCounty.Cli;

internal static class Program
{
    private const int Done = 0;
    private const int Rejected = 1;
    private const int Failed = 2;
    private const int BadUsage = 64;
    private const int Cancelled = 130;

    private static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        CliArguments arguments;
        try
        {
            arguments = CliArguments.Parse(args);
        }
        catch (CliUsageException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await Console.Error.WriteLineAsync(CliArguments.Usage);
            return BadUsage;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        try
        {
            return arguments.Command switch
            {
                "stats" => Stats(arguments, Console.Out),
                "sample" => Sample(arguments, Console.Out),
                "load" => await LoadAsync(arguments, cancellation.Token),
                _ => Help(),
            };
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync();
            await Console.Error.WriteLineAsync("Cancelled (已取消).");
            return Cancelled;
        }
    }

    private static int Help()
    {
        Console.WriteLine(CliArguments.Usage);
        return Done;
    }

    private static int Stats(CliArguments arguments, TextWriter output)
    {
        var generator = new DemoCountyGenerator(arguments.Seed, arguments.Scale);
        var clock = Stopwatch.StartNew();
        var stats = DemoCountyStatistics.Compute(DemoCountyGenerator.County(), generator.Households());
        clock.Stop();

        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"Demo county {DemoCountyGenerator.CountyName} ({DemoCountyGenerator.CountyCode}), seed {generator.Seed}, scale {generator.Scale}"));
        output.WriteLine(string.Create(c, $"  generated in        {clock.Elapsed.TotalMilliseconds:N0} ms"));
        output.WriteLine(string.Create(c, $"  households (户)     {stats.Households:N0}"));
        output.WriteLine(string.Create(c, $"  people (人)         {stats.People:N0}"));
        output.WriteLine(string.Create(c, $"  townships (乡镇)    {stats.Townships}"));
        output.WriteLine(string.Create(c, $"  villages (行政村)   {stats.Villages} ({stats.VillagesWithHouseholds} with registered households)"));
        output.WriteLine(string.Create(c, $"  poor villages (贫困村) {stats.PoorVillages}"));
        output.WriteLine(string.Create(c, $"  rural population    {stats.RuralPopulation:N0}"));
        output.WriteLine(string.Create(c, $"  in poor villages    {stats.HouseholdsInPoorVillages:N0} households ({100.0 * stats.HouseholdsInPoorVillages / Math.Max(1, stats.Households):0.0}%)"));
        output.WriteLine(string.Create(c, $"  under monitoring    {stats.UnderMonitoring:N0} exited households (脱贫不稳定户); {generator.EdgeCount} 边缘易致贫户 and {generator.SuddenHardshipCount} 突发严重困难户 besides"));
        Print(output, "by registered year", stats.ByRegisteredYear);
        Print(output, "by exit year", stats.ByExitYear);
        Print(output, "by main cause", stats.ByMainCause);
        Print(output, "by household size", stats.BySize);
        Print(output, "members by health", stats.ByHealth);

        var education = new DemoEducation(generator, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)));
        var rolls = education.SchoolRolls().ToList();
        output.WriteLine(string.Create(c, $"  education (教育扶贫), school year from {education.SchoolYearStart:yyyy-MM-dd}:"));
        output.WriteLine(string.Create(c, $"    students (3–22)   {rolls.Count:N0}, enrolled {rolls.Count(r => r.Status == "enrolled"):N0}, dropped out {rolls.Count(r => r.Status == "dropped-out")}"));
        Print(output, "students by stage", rolls.Where(r => r.Status == "enrolled").GroupBy(r => r.Stage).ToDictionary(g => g.Key, g => g.Count()));
        Print(output, "aid grants this term", education.AidGrants().GroupBy(g => g.Policy).ToDictionary(g => g.Key, g => g.Count()));
        output.WriteLine(string.Create(c, $"    training courses  {education.Courses().Count}, person-times {education.Completions().Count():N0}"));
        output.WriteLine(string.Create(c, $"    kindergartens / care centres {education.Facilities().Count(f => f.Kind == "kindergarten")} / {education.Facilities().Count(f => f.Kind == "care-centre")}"));

        var welfare = new DemoWelfare(generator, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)));
        var low = welfare.Households.Count(welfare.IsLowIncome);
        output.WriteLine(string.Create(c, $"  welfare (社会保障兜底), {welfare.Year}:"));
        output.WriteLine(string.Create(c, $"    insured people    {welfare.PeopleCount:N0}"));
        output.WriteLine(string.Create(c, $"    low income        {low:N0} households ({100.0 * low / Math.Max(1, welfare.Households.Count):0.0}%), enrolled in 低保 or 特困 as the pillar's means test finds"));
        output.WriteLine(string.Create(c, $"    certificates      {welfare.Certificates().Count():N0} ({welfare.Certificates().Count(x => x.Serious):N0} special diseases)"));
        output.WriteLine(string.Create(c, $"    disabilities      {welfare.Disabilities().Count():N0}"));
        output.WriteLine(string.Create(c, $"    claims            {welfare.Claims().Count():N0} in-county stays"));
        Print(output, "protection payouts", welfare.Payouts().GroupBy(p => p.Cause).ToDictionary(g => g.Key, g => g.Count()));
        return Done;
    }

    /// <summary>The first households of the county, ID numbers masked, to see what the data looks like.</summary>
    private static int Sample(CliArguments arguments, TextWriter output)
    {
        var county = DemoCountyGenerator.County();
        var c = CultureInfo.InvariantCulture;
        foreach (var h in new DemoCountyGenerator(arguments.Seed, arguments.Scale).Households().Skip(arguments.Skip).Take(arguments.Count))
        {
            var village = county.FindVillage(h.VillageCode)!;
            var township = county.Townships.First(t => t.Code == village.TownshipCode);
            var others = h.OtherCauses.Count > 0 ? " + " + string.Join(", ", h.OtherCauses) : "";
            output.WriteLine(string.Create(c, $"{h.ClientRef} 户编号 {h.HouseholdNumber} {township.Name}{village.Name}{(village.IsPoorVillage ? " (贫困村)" : "")} {h.RegisteredYear}→{h.ExitYear}{(h.UnderMonitoring ? " 监测" : "")} cause {h.MainCause}{others} tel {h.Phone[..3]}****{h.Phone[7..]}"));
            foreach (var m in h.Members)
            {
                var grade = m.DisabilityGrade is { } g ? string.Create(c, $" grade {g}") : "";
                output.WriteLine(string.Create(c, $"    {m.Relation,-4} {m.Name,-4} {m.Sex,-6} {m.BirthDate:yyyy-MM-dd} age {m.Age,2} {Contracts.People.ResidentIdNumber.Mask(m.IdNumber)} {m.Ethnicity} {m.Health}{grade} labour {m.LabourAbility} school {m.SchoolingStatus}"));
            }
        }

        return Done;
    }

    private static void Print<TKey>(TextWriter output, string title, IReadOnlyDictionary<TKey, int> counts)
        where TKey : notnull
    {
        var total = Math.Max(1, counts.Values.Sum());
        output.WriteLine($"  {title}:");
        foreach (var (key, count) in counts)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {key,-12} {count,8:N0}  {100.0 * count / total,5:0.0}%"));
        }
    }

    private static async Task<int> LoadAsync(CliArguments arguments, CancellationToken cancellationToken)
    {
        var interactive = !Console.IsOutputRedirected;
        var output = Console.Out;
        var errors = Console.Error;
        var generator = new DemoCountyGenerator(arguments.Seed, arguments.Scale);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        string token;
        try
        {
            if (arguments.Wait)
            {
                var ready = GatewayClient.ReadinessUrl(arguments.TokenUrl);
                if (!await GatewayClient.WaitUntilReadyAsync(http, ready, TimeSpan.FromSeconds(120), output, interactive, cancellationToken))
                {
                    await errors.WriteLineAsync($"The gateway was not ready after 120 s ({ready}). 网关未就绪，未导入任何数据。");
                    return Failed;
                }
            }

            output.WriteLine($"Getting a token for client '{arguments.ClientId}' from {arguments.TokenUrl}…");
            token = await GatewayClient.GetClientCredentialsTokenAsync(http, arguments.TokenUrl, arguments.ClientId, arguments.ClientSecret, cancellationToken);
        }
        catch (DemoCountyFailureException e)
        {
            await errors.WriteLineAsync(e.Message);
            await errors.WriteLineAsync("获取访问令牌失败，未导入任何数据。");
            return Failed;
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Loading {generator.HouseholdCount:N0} households ({generator.PeopleCount:N0} people) of {DemoCountyGenerator.CountyName} (seed {generator.Seed}, scale {generator.Scale}) into {arguments.Grpc}…"));

        var result = Done;
        var educationStep = false;
        var industryStep = false;
        try
        {
            // The pillars' lines go through one synchronized writer. The relocation pillar's sites, water and houses
            // name no household id: they load beside the registry's import.
            var pillarOutput = TextWriter.Synchronized(output);
            var relocation = arguments.SkipRelocation ? null : LoadRelocationAsync(arguments, generator, token, pillarOutput, cancellationToken);
            var pillars = new List<Task>();
            using (var loader = new DemoCountyLoader(arguments.Grpc, token))
            using (var rest = new HttpClient { BaseAddress = new Uri(arguments.TokenUrl.GetLeftPart(UriPartial.Authority)), Timeout = TimeSpan.FromMinutes(5) })
            {
                var run = new DemoCountyRun(loader.Client, rest, token, pillarOutput)
                {
                    HouseholdProgress = new ConsoleLoadProgress(pillarOutput, interactive),
                    VillageProgress = new ConsoleLoadProgress(pillarOutput, interactive) { Unit = "villages' histories sent" },
                };
                var (households, householdsTime) = await run.LoadHouseholdsAsync(generator, cancellationToken);
                if (households is not null)
                {
                    result = PrintSummary(households, generator.HouseholdCount, householdsTime, pillarOutput);
                }

                // The pillars' data side by side with the campaign: each pillar waits for its own copy of the
                // households (their registrations come first in each household's order), then loads in bulk while
                // the registry records the campaign's history; a household's exit reaches a pillar before or after
                // its records, in either order the pillar ends the same (education redraws its progress only when alone).
                var alone = arguments.SkipIndustry && arguments.SkipWelfare && arguments.SkipEcology && relocation is null;
                if (!arguments.SkipEducation)
                {
                    educationStep = true;
                    pillars.Add(LoadEducationAsync(arguments, generator, token, pillarOutput, interactive && alone, cancellationToken));
                }

                if (!arguments.SkipIndustry)
                {
                    industryStep = true;
                    pillars.Add(LoadIndustryAsync(arguments, generator, token, pillarOutput, cancellationToken));
                }

                if (!arguments.SkipWelfare)
                {
                    pillars.Add(LoadWelfareAsync(arguments, generator, token, pillarOutput, cancellationToken));
                }

                if (!arguments.SkipEcology)
                {
                    pillars.Add(LoadEcologyAsync(arguments, generator, token, pillarOutput, cancellationToken));
                }

                if (relocation is not null)
                {
                    pillars.Add(relocation);
                }

                var (campaign, _) = await run.LoadCampaignAsync(generator, cancellationToken);
                result = households is { Rejected: > 0 } || campaign is { History.Rejected: > 0 } ? Rejected : result;
            }

            await Task.WhenAll(pillars);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented && educationStep)
        {
            await errors.WriteLineAsync(
                $"The gateway at {arguments.Grpc} does not route a pillar's feed (Unimplemented): it needs gRPC routes for platform.education.v1.*, platform.welfare.v1.*, platform.ecology.v1.* and platform.relocation.v1.*. {e.Status.Detail} 网关未转发支柱的 gRPC 服务。");
            return Failed;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented && industryStep)
        {
            await errors.WriteLineAsync(
                $"The gateway at {arguments.Grpc} does not route an industry feed (Unimplemented): it needs gRPC routes for platform.industry.v1.AgricultureFeeds and EmploymentFeeds. {e.Status.Detail} 网关未转发产业就业扶贫 gRPC 服务。");
            return Failed;
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled || !cancellationToken.IsCancellationRequested)
        {
            if (interactive)
            {
                output.WriteLine();
            }

            await errors.WriteLineAsync(Explain(e, arguments.Grpc));
            return Failed;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException)
        {
            await errors.WriteLineAsync($"Loading the demo county failed: {e.Message} 演示数据导入失败。");
            return Failed;
        }

        return result;
    }

    /// <summary>The education pillar's demo data, through the same gateway (REST on the token URL's origin, gRPC on --grpc).</summary>
    private static async Task LoadEducationAsync(
        CliArguments arguments, DemoCountyGenerator generator, string token, TextWriter output, bool interactive, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        using var http = new HttpClient { BaseAddress = new Uri(arguments.TokenUrl.GetLeftPart(UriPartial.Authority)), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(arguments.Grpc);
        var loader = new DemoEducationLoader(http, channel, token, output) { Progress = new ConsoleLoadProgress(output, interactive) { Unit = "records" } };
        var clock = Stopwatch.StartNew();
        var summary = await loader.LoadAsync(new DemoEducation(generator, today), cancellationToken);
        if (!summary.AlreadyLoaded)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Education data loaded in {clock.Elapsed.TotalSeconds:0.0} s. 教育扶贫演示数据导入完成。"));
        }
    }

    /// <summary>The industry pillar's demo data, through the same gateway (REST on the token URL's origin, gRPC on --grpc).</summary>
    private static async Task LoadIndustryAsync(CliArguments arguments, DemoCountyGenerator generator, string token, TextWriter output, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(arguments.TokenUrl.GetLeftPart(UriPartial.Authority)), Timeout = TimeSpan.FromMinutes(5) };
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(arguments.Grpc);
        var summary = await new DemoIndustryLoader(http, channel, token, output).LoadAsync(new DemoIndustry(generator), cancellationToken);
        if (!summary.AlreadyLoaded)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Industry data loaded in {summary.Loaded.TotalSeconds:0.0} s after {summary.WaitedForHouseholds.TotalSeconds:0.0} s waiting for the households. 产业就业扶贫演示数据导入完成。"));
        }

        if (summary.Rejected > 0)
        {
            throw new HttpRequestException(string.Create(CultureInfo.InvariantCulture, $"The industry feeds refused {summary.Rejected} demo records."));
        }
    }

    /// <summary>The welfare pillar's demo data, through the same gateway (REST on the token URL's origin, gRPC on --grpc).</summary>
    private static async Task LoadWelfareAsync(CliArguments arguments, DemoCountyGenerator generator, string token, TextWriter output, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        using var http = new HttpClient { BaseAddress = new Uri(arguments.TokenUrl.GetLeftPart(UriPartial.Authority)), Timeout = TimeSpan.FromMinutes(5) };
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(arguments.Grpc);
        await new DemoWelfareLoader(http, channel, token, output).LoadAsync(new DemoWelfare(generator, today), cancellationToken);
    }


    /// <summary>The ecology pillar's demo data, through the same gateway (REST on the token URL's origin, gRPC on --grpc).</summary>
    private static async Task LoadEcologyAsync(CliArguments arguments, DemoCountyGenerator generator, string token, TextWriter output, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(arguments.TokenUrl.GetLeftPart(UriPartial.Authority)), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(arguments.Grpc);
        var clock = Stopwatch.StartNew();
        var summary = await new DemoEcologyLoader(http, channel, token, output).LoadAsync(new DemoEcology(generator), generator.HouseholdCount, cancellationToken);
        if (!summary.AlreadyLoaded)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Ecology data loaded in {clock.Elapsed.TotalSeconds:0.0} s ({summary.WaitedForHouseholds.TotalSeconds:0.0} s of it waiting for the pillar to know the households). 生态补偿演示数据导入完成。"));
        }
    }

    /// <summary>
    /// The relocation pillar's demo data (unless its figures say it is there): sites, water and houses at once,
    /// beside the registry's import; cases and scattered water once the pillar follows the county's households.
    /// </summary>
    private static async Task LoadRelocationAsync(CliArguments arguments, DemoCountyGenerator generator, string token, TextWriter output, CancellationToken cancellationToken)
    {
        await Task.Yield(); // the registry's import goes on meanwhile
        using var http = new HttpClient { BaseAddress = new Uri(arguments.TokenUrl.GetLeftPart(UriPartial.Authority)), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(arguments.Grpc);
        var clock = Stopwatch.StartNew();
        var summary = await new DemoRelocationLoader(http, channel, token, output).LoadAsync(new DemoRelocation(generator), cancellationToken);
        if (!summary.AlreadyLoaded)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Relocation data loaded in {clock.Elapsed.TotalSeconds:0.0} s ({summary.Rejected:N0} rejected). 易地搬迁演示数据导入完成。"));
        }
    }
    private static string Explain(RpcException e, Uri address) => e.StatusCode switch
    {
        StatusCode.Unavailable => $"Cannot reach the household registry at {address}: {e.Status.Detail} 无法连接户籍登记服务。",
        StatusCode.Unauthenticated => $"The registry refused the token (Unauthenticated): {e.Status.Detail} 访问令牌无效。",
        StatusCode.PermissionDenied => $"The client may not import households (PermissionDenied): {e.Status.Detail} 无导入权限。",
        StatusCode.Unimplemented => $"{address} does not serve HouseholdRegistry.ImportHouseholds (Unimplemented): is --grpc the registry's address?",
        _ => $"The import failed: {e.StatusCode}: {e.Status.Detail} 导入失败。",
    };

    private static int PrintSummary(ImportSummary summary, int sent, TimeSpan elapsed, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(
            c,
            $"Import finished in {elapsed.TotalSeconds:0.0} s: received {summary.Received:N0}, accepted {summary.Accepted:N0}, rejected {summary.Rejected:N0} ({summary.Received / Math.Max(0.001, elapsed.TotalSeconds):N0}/s)."));
        output.WriteLine(string.Create(c, $"导入完成：接收 {summary.Received:N0} 户，成功 {summary.Accepted:N0} 户，拒绝 {summary.Rejected:N0} 户。"));

        if (summary.Rejections.Count > 0)
        {
            output.WriteLine(string.Create(c, $"First {Math.Min(10, summary.Rejections.Count)} rejections (前10条拒绝原因):"));
            foreach (var r in summary.Rejections.Take(10))
            {
                output.WriteLine(string.Create(c, $"  #{r.Index} {r.ClientRef} 户编号 {r.HouseholdNumber} [{r.Field}] {r.Reason}"));
            }
        }

        if (summary.Received != sent)
        {
            output.WriteLine(string.Create(c, $"The registry received {summary.Received:N0} records but {sent:N0} were sent."));
            return Rejected;
        }

        return summary.Rejected > 0 || summary.Accepted != sent ? Rejected : Done;
    }
}
