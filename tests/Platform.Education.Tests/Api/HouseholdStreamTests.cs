using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Messaging;
using Platform.Messaging.Stream;
using Platform.Testing;

namespace Platform.Education.Tests.Api;

/// <summary>
/// The registry's events as the pillar applies them: in each household's order whatever their types,
/// once each, and catching up when the registry announces households again.
/// </summary>
public sealed class HouseholdStreamTests(EducationFixture fixture) : IClassFixture<EducationFixture>
{
    private static readonly string[] Villages = ["420325001002", "420325002001", "420325003004"];

    private static HouseholdMoved Moved(Guid household, string from, string to) => new()
    {
        EventId = Guid.NewGuid(), HouseholdId = household, OccurredAt = DateTimeOffset.UtcNow,
        PreviousVillageCode = from, VillageCode = to, TownshipCode = to[..9], Reason = "易地扶贫搬迁",
    };

    private static HouseholdStatusChanged Status(Guid household, HouseholdStatus from, HouseholdStatus to) => new()
    {
        EventId = Guid.NewGuid(), HouseholdId = household, OccurredAt = DateTimeOffset.UtcNow, PreviousStatus = from, Status = to, Reason = "动态调整",
    };

    [Fact]
    public async Task Moves_and_status_changes_published_in_a_rush_leave_every_household_and_its_students_in_its_last_village()
    {
        var households = Enumerable.Range(0, 30)
            .Select(i => Registry.Registered(Registry.Member("户主", Registry.BornAged(40), "冯大山"), Registry.Member("之子", Registry.BornAged(10 + (i % 5)), "冯小山")))
            .ToList();
        await using (var stream = await EventStreamClient.ConnectAsync(fixture.VirtualHost, "rush"))
        {
            foreach (var registered in households)
            {
                var id = registered.HouseholdId;
                IIntegrationEvent[] events =
                [
                    registered,
                    Moved(id, Registry.VillageCode, Villages[0]),
                    Status(id, HouseholdStatus.Poor, HouseholdStatus.Exited),
                    Moved(id, Villages[0], Villages[1]),
                    Status(id, HouseholdStatus.Exited, HouseholdStatus.Monitored),
                    Moved(id, Villages[1], Villages[2]),
                ];
                foreach (var integrationEvent in events)
                {
                    await stream.PublishAsync(integrationEvent);
                }
            }
        }

        Assert.Equal(0, await fixture.DrainAsync());
        var ids = households.Select(h => h.HouseholdId).ToList();
        var followed = await fixture.QueryAsync(db => db.Households.Where(h => ids.Contains(h.Id)).ToListAsync());
        Assert.Equal(30, followed.Count);
        Assert.All(followed, h => Assert.Equal((Villages[2], HouseholdStatus.Monitored), (h.VillageCode, h.Status)));
        var students = await fixture.QueryAsync(db => db.Students.Where(s => ids.Contains(s.HouseholdId)).ToListAsync());
        Assert.Equal(30, students.Count);
        Assert.All(students, s => Assert.Equal(Villages[2], s.VillageCode));
    }

    /// <summary>A change of status reads the household's row alone: not its members, students, guarantee or dropout cases.</summary>
    [Fact]
    public async Task A_change_of_status_reads_the_household_s_row_alone()
    {
        var registered = Registry.Registered(Registry.Member("户主", Registry.BornAged(41), "魏长河"), Registry.Member("之子", Registry.BornAged(11), "魏小河"));
        await StreamEvents.PublishAsync(fixture.VirtualHost, registered);
        Assert.Equal(0, await fixture.DrainAsync());
        using var recorder = new EfCommandRecorder();

        await StreamEvents.PublishAsync(fixture.VirtualHost, Status(registered.HouseholdId, HouseholdStatus.Poor, HouseholdStatus.Exited));
        Assert.Equal(0, await fixture.DrainAsync());

        Assert.Equal(HouseholdStatus.Exited, await fixture.QueryAsync(db => db.Households.Where(h => h.Id == registered.HouseholdId).Select(h => h.Status).SingleAsync()));
        var batch = recorder.Commands.Where(c => c.Parameters.Any(p => p is IEnumerable<Guid> ids && ids.Contains(registered.HouseholdId))).ToList();
        Assert.Contains(batch, c => c.Sql.Contains("FROM households", StringComparison.Ordinal));
        Assert.DoesNotContain(batch, c => c.Sql.Contains("students", StringComparison.Ordinal) || c.Sql.Contains("household_members", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Members_added_right_after_their_household_s_registration_are_followed_and_nothing_is_set_aside()
    {
        var households = Enumerable.Range(0, 40).Select(_ => Registry.Registered(Registry.Member("户主", Registry.BornAged(35), "韩立"))).ToList();
        var children = households.Select(_ => Registry.Member("之女", Registry.BornAged(7), "韩小雪")).ToList();
        await using (var stream = await EventStreamClient.ConnectAsync(fixture.VirtualHost, "rush"))
        {
            for (var i = 0; i < households.Count; i++)
            {
                await stream.PublishAsync(households[i]);
                await stream.PublishAsync(new HouseholdMemberAdded
                {
                    EventId = Guid.NewGuid(), HouseholdId = households[i].HouseholdId, OccurredAt = DateTimeOffset.UtcNow, Reason = MemberAdditionReason.Born, Member = children[i],
                });
            }
        }

        Assert.Equal(0, await fixture.DrainAsync());
        Assert.Equal(0u, await ErrorQueues.CountAsync(fixture.VirtualHost, "education"));
        var childIds = children.Select(c => c.MemberId).ToList();
        Assert.Equal(40, await fixture.QueryAsync(db => db.Students.CountAsync(s => childIds.Contains(s.Id))));
    }

    [Fact]
    public async Task A_registration_delivered_twice_is_applied_once_even_when_the_second_copy_differs()
    {
        var registered = Registry.Registered(Registry.Member("户主", Registry.BornAged(44), "蒋国平"), Registry.Member("之子", Registry.BornAged(9), "蒋小平"));
        // The same message id with another member: only the inbox can tell that it was applied already.
        var tampered = registered with { Members = [.. registered.Members, Registry.Member("之女", Registry.BornAged(8), "蒋小红")] };
        await StreamEvents.PublishAsync(fixture.VirtualHost, registered);
        await StreamEvents.PublishAsync(fixture.VirtualHost, tampered, registered.EventId);

        Assert.Equal(0, await fixture.DrainAsync());
        Assert.Equal(1, await fixture.QueryAsync(db => db.Students.CountAsync(s => s.HouseholdId == registered.HouseholdId)));
        Assert.Equal(2, await fixture.QueryAsync(db => db.Members.CountAsync(m => m.HouseholdId == registered.HouseholdId)));
    }

    [Fact]
    public async Task Every_household_the_pillar_learns_gets_its_compulsory_education_guarantee_assessed_once()
    {
        var registered = Registry.Registered(Registry.Member("户主", Registry.BornAged(50), "秦淮"));
        await fixture.PublishAsync(registered);
        var announced = Announce(registered, registered.Members); // a catch-up later: no second assessment
        await fixture.PublishAsync(announced);

        Assert.Equal(0, await fixture.DrainAsync());
        var assessment = Assert.Single(fixture.Assessments, a => a.HouseholdId == registered.HouseholdId);
        Assert.Equal((Guarantee.CompulsoryEducation, true, Pillar.Education), (assessment.Guarantee, assessment.Met, assessment.Source));
        Assert.Equal("household:" + registered.HouseholdId, assessment.SourceRecordId);
    }

    [Fact]
    public async Task An_announcement_makes_the_pillar_s_copy_of_a_household_equal_to_the_registry_s()
    {
        var child = Registry.Member("之子", Registry.BornAged(11), "孔小明");
        var leftBefore = Registry.Member("之女", Registry.BornAged(12), "孔小芳");
        var registered = Registry.Registered(Registry.Member("户主", Registry.BornAged(39), "孔大明"), child, leftBefore);
        await fixture.PublishAsync(registered);
        // A household the pillar never heard of, announced by a catch-up; and the known one, announced without the daughter who left.
        var unknown = Registry.Registered(Registry.Member("户主", Registry.BornAged(60), "曾祥"), Registry.Member("之孙", Registry.BornAged(6), "曾小祥"));
        await fixture.PublishAsync(Announce(registered, [registered.Members[0], child]) with { VillageCode = Villages[1], TownshipCode = Villages[1][..9] });
        await fixture.PublishAsync(Announce(unknown, unknown.Members));

        Assert.Equal(0, await fixture.DrainAsync());
        var students = await fixture.QueryAsync(db => db.Students.Where(s => s.HouseholdId == registered.HouseholdId || s.HouseholdId == unknown.HouseholdId).ToListAsync());
        Assert.Equal(3, students.Count);
        Assert.True(students.Single(s => s.Id == child.MemberId) is { IsCurrent: true, VillageCode: "420325002001" });
        Assert.False(students.Single(s => s.Id == leftBefore.MemberId).IsCurrent);
        Assert.True(students.Single(s => s.HouseholdId == unknown.HouseholdId).IsCurrent);
    }

    private static HouseholdAnnounced Announce(HouseholdRegistered registered, IReadOnlyList<MemberSnapshot> members) => new()
    {
        EventId = Guid.NewGuid(), HouseholdId = registered.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, HouseholdNumber = registered.HouseholdNumber,
        TownshipCode = registered.TownshipCode, VillageCode = registered.VillageCode, Status = registered.Status, Members = members, Audience = "education",
    };
}
