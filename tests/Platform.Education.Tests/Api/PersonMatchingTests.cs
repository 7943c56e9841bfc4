using System.Collections.Concurrent;
using System.Diagnostics;
using Platform.Contracts.Households;
using Platform.Education.Domain;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.People;
using Platform.Testing;

namespace Platform.Education.Tests.Api;

/// <summary>
/// The building blocks' person matching (人员比对) against a pillar's real table: by ID number and
/// name, inside the caller's data scope, one neutral verdict for anyone not there, one query a batch.
/// </summary>
public class PersonMatchingTests(EducationFixture fixture) : IClassFixture<EducationFixture>
{
    private const string Village = "420325005001";
    private static readonly PersonShape<Student> Students = new(s => s.IdNumber, s => s.Name, s => s.TownshipCode, s => s.VillageCode);

    private async Task<MemberSnapshot> ChildAsync(string name)
    {
        var child = Registry.Member("之子", Registry.BornAged(10), name);
        using var county = fixture.Host.CreateHttpClient(TestTokens.CountyOffice());
        await fixture.RegisterAsync(county, Village, 1, child);
        return child;
    }

    private Task<IReadOnlyList<PersonVerdict<Student>>> MatchAsync(DataScope scope, params PersonClaim[] claims) =>
        fixture.QueryAsync(db => db.Students.Where(s => s.LeftAt == null).MatchPeopleAsync(Students, scope, claims, Registry.Today, CancellationToken.None));

    [Fact]
    public async Task A_person_outside_the_scope_gets_the_same_verdict_as_a_stranger_or_a_wrong_name()
    {
        var child = await ChildAsync("魏小南");
        var stranger = Registry.Member("之子", Registry.BornAged(10), "路人丁");
        var claim = new PersonClaim(child.IdNumber, " " + child.Name + " ");

        Assert.Equal(child.MemberId, (await MatchAsync(new DataScope(ScopeLevel.County, null), claim)).Single().Person?.Id);
        Assert.Equal(child.MemberId, (await MatchAsync(new DataScope(ScopeLevel.Township, Village[..9]), claim)).Single().Person?.Id);
        Assert.Equal(child.MemberId, (await MatchAsync(new DataScope(ScopeLevel.Village, Village), claim)).Single().Person?.Id);

        var otherTownship = await MatchAsync(new DataScope(ScopeLevel.Township, "420325009"), claim);
        var otherVillage = await MatchAsync(new DataScope(ScopeLevel.Village, "420325005002"), claim);
        var nobody = await MatchAsync(DataScope.Nothing, claim);
        var unknown = await MatchAsync(new DataScope(ScopeLevel.County, null), new PersonClaim(stranger.IdNumber, stranger.Name));
        var wrongName = await MatchAsync(new DataScope(ScopeLevel.County, null), new PersonClaim(child.IdNumber, "魏小北"));

        var verdicts = new[] { otherTownship, otherVillage, nobody, unknown, wrongName }.Select(v => v.Single()).ToList();
        Assert.All(verdicts, v => Assert.Equal((null, PersonMatching.IdNumberField, PersonMatching.NotFoundReason), (v.Person, v.Field, v.Reason)));
    }

    [Fact]
    public async Task A_batch_is_matched_with_one_query_whose_text_holds_no_id_number_and_verdicts_keep_the_records_order()
    {
        var first = await ChildAsync("魏小东");
        var second = await ChildAsync("魏小西");
        var claims = new List<PersonClaim> { new(second.IdNumber, second.Name), new("4203251", "某人"), new(first.IdNumber, "") };
        claims.AddRange(Enumerable.Range(0, 496).Select(i => new PersonClaim(Registry.NewIdNumber(Registry.BornAged(10)), "路人" + i)));
        claims.Add(new PersonClaim(first.IdNumber, first.Name));

        var commands = new ConcurrentQueue<Activity>();
        using var test = new Activity("person-matching-test").Start();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Npgsql", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // Commands only (a connection being opened may have its own span).
                if (activity.TraceId == test.TraceId && activity.TagObjects.Any(t => t.Key is "db.statement" or "db.query.text"))
                {
                    commands.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var verdicts = await MatchAsync(new DataScope(ScopeLevel.County, null), [.. claims]);

        Assert.Equal(500, verdicts.Count);
        Assert.Equal(second.MemberId, verdicts[0].Person?.Id);
        Assert.Equal(PersonMatching.IdNumberField, verdicts[1].Field);
        Assert.Equal(PersonMatching.NameField, verdicts[2].Field);
        Assert.All(verdicts.Skip(3).Take(496), v => Assert.Equal(PersonMatching.NotFoundReason, v.Reason));
        Assert.Equal(first.MemberId, verdicts[499].Person?.Id);
        var command = Assert.Single(commands);
        var text = string.Join(" ", command.TagObjects.Select(t => t.Value?.ToString()));
        Assert.DoesNotContain(first.IdNumber, text, StringComparison.Ordinal);
        Assert.DoesNotContain(second.IdNumber, text, StringComparison.Ordinal);
    }
}
