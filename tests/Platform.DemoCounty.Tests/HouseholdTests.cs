using Platform.Contracts.People;

namespace Platform.DemoCounty.Tests;

public sealed class HouseholdTests(FullCountyFixture full) : IClassFixture<FullCountyFixture>
{
    private static readonly DateOnly Reference = DemoCountyGenerator.ReferenceDate;

    [Fact]
    public void Reproduces_the_seed_county_totals_exactly()
    {
        Assert.Equal(48_181, full.Generator.HouseholdCount);
        Assert.Equal(141_281, full.Generator.PeopleCount);
        Assert.Equal(48_181, full.Households.Count);
        Assert.Equal(141_281, full.Households.Sum(h => h.Members.Count));
    }

    [Fact]
    public void Every_household_is_registered_poor_and_exits_in_the_campaign_a_few_are_monitored_today()
    {
        Assert.All(full.Households, h => Assert.Equal(Vocabulary.Poor, h.ToRecord().Status));
        var monitored = full.Households.Count(h => h.UnderMonitoring) / (double)full.Households.Count;
        Assert.InRange(monitored, 0.01, 0.02);
        Assert.All(full.Households, h =>
        {
            Assert.InRange(h.RegisteredYear, 2014, 2019);
            Assert.InRange(h.ExitYear, h.RegisteredYear, 2020);
            Assert.Null(h.ToRecord().ExitYear); // the exit comes through the procedure, not the registration
        });
        Assert.Equal(7, full.Households.Select(h => h.ExitYear).Distinct().Count());
        Assert.Equal(6, full.Households.Select(h => h.RegisteredYear).Distinct().Count());
    }

    [Fact]
    public void Households_live_in_every_poor_village_and_a_third_in_non_poor_villages()
    {
        var county = DemoCountyGenerator.County();
        var byVillage = full.Households.GroupBy(h => h.VillageCode).ToDictionary(g => g.Key, g => g.ToList());
        Assert.All(county.Villages.Where(v => v.IsPoorVillage), v => Assert.True(byVillage.ContainsKey(v.Code), v.Name));
        var outside = full.Households.Count(h => !h.InPoorVillage) / (double)full.Households.Count;
        Assert.InRange(outside, 0.30, 0.40);

        foreach (var (code, households) in byVillage)
        {
            var village = county.FindVillage(code);
            Assert.NotNull(village);
            Assert.Equal(village.IsPoorVillage, households[0].InPoorVillage);
            Assert.True(households.Sum(h => h.Members.Count) < village.RuralPopulation, $"{village.Name}: more registered people than residents");
            Assert.All(households, h => Assert.Equal(village.TownshipCode, h.TownshipCode));
        }
    }

    [Fact]
    public void Household_numbers_are_unique_village_code_plus_serial()
    {
        Assert.Equal(full.Households.Count, full.Households.Select(h => h.HouseholdNumber).Distinct(StringComparer.Ordinal).Count());
        Assert.All(full.Households, h =>
        {
            Assert.Equal(16, h.HouseholdNumber.Length);
            Assert.StartsWith(h.VillageCode, h.HouseholdNumber, StringComparison.Ordinal);
            Assert.True(h.HouseholdNumber.All(char.IsAsciiDigit));
        });
        Assert.Equal(full.Households.Count, full.Households.Select(h => h.ClientRef).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_id_number_is_valid_for_the_county_unique_and_agrees_with_the_member()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in full.Members)
        {
            Assert.True(ResidentIdNumber.TryParse(m.IdNumber, Reference, out var id, out var error), error);
            Assert.Equal(m.IdNumber, id.Value);
            Assert.Equal("420325", id.DivisionCode);
            Assert.Equal(m.BirthDate, id.BirthDate);
            Assert.Equal(m.IsMale, id.IsMale);
            Assert.True(seen.Add(m.IdNumber), "duplicate ID number");
        }

        Assert.Equal(141_281, seen.Count);
    }

    [Fact]
    public void Sex_agrees_with_the_relation_to_the_head()
    {
        foreach (var h in full.Households)
        {
            Assert.Equal(Vocabulary.Head, h.Members[0].Relation);
            Assert.Single(h.Members, m => m.Relation == Vocabulary.Head);
            Assert.True(h.Members.Count(m => m.Relation == Vocabulary.Spouse) <= 1);
            foreach (var m in h.Members)
            {
                Assert.Contains(m.Relation, Vocabulary.Relations);
                Assert.Contains(m.Sex, new[] { Vocabulary.Male, Vocabulary.Female });
                switch (m.Relation)
                {
                    case Vocabulary.Son or Vocabulary.Grandson or Vocabulary.Father:
                        Assert.True(m.IsMale, m.Relation);
                        break;
                    case Vocabulary.Daughter or Vocabulary.Granddaughter or Vocabulary.Mother:
                        Assert.False(m.IsMale, m.Relation);
                        break;
                    case Vocabulary.Spouse:
                        Assert.NotEqual(h.Head.IsMale, m.IsMale);
                        break;
                }
            }
        }
    }

    [Fact]
    public void Ages_are_plausible_children_at_least_eighteen_years_younger_than_the_head()
    {
        foreach (var h in full.Households)
        {
            var head = h.Head;
            Assert.InRange(head.Age, 25, 85);
            foreach (var m in h.Members)
            {
                Assert.True(m.BirthDate <= Reference);
                Assert.Equal(AgeAt(m.BirthDate), m.Age);
                switch (m.Relation)
                {
                    case Vocabulary.Son or Vocabulary.Daughter:
                        Assert.True(head.BirthDate.AddYears(18) <= m.BirthDate, $"{h.HouseholdNumber}: child too old");
                        break;
                    case Vocabulary.Grandson or Vocabulary.Granddaughter:
                        Assert.True(head.BirthDate.AddYears(36) <= m.BirthDate, $"{h.HouseholdNumber}: grandchild too old");
                        break;
                    case Vocabulary.Father or Vocabulary.Mother:
                        Assert.True(m.BirthDate.AddYears(18) <= head.BirthDate, $"{h.HouseholdNumber}: parent too young");
                        Assert.InRange(m.Age, 43, 100);
                        break;
                }
            }

            var spouse = h.Members.FirstOrDefault(m => m.Relation == Vocabulary.Spouse);
            foreach (var child in h.Members.Where(m => m.Relation is Vocabulary.Son or Vocabulary.Daughter))
            {
                Assert.True(spouse is null || spouse.BirthDate.AddYears(18) <= child.BirthDate, $"{h.HouseholdNumber}: child too old for the spouse");
            }
        }
    }

    [Fact]
    public void Names_are_chinese_spouses_from_another_family_children_take_the_head_surname()
    {
        foreach (var h in full.Households)
        {
            var surname = h.Head.Name[..1];
            foreach (var m in h.Members)
            {
                Assert.InRange(m.Name.Length, 2, 3);
                Assert.True(m.Name.All(c => c >= '\u4e00' && c <= '\u9fff'), m.Name);
                if (m.Relation is Vocabulary.Son or Vocabulary.Daughter or Vocabulary.Grandson or Vocabulary.Granddaughter or Vocabulary.Father)
                {
                    Assert.StartsWith(surname, m.Name, StringComparison.Ordinal);
                }
                else if (m.Relation is Vocabulary.Spouse or Vocabulary.Mother)
                {
                    Assert.False(m.Name.StartsWith(surname, StringComparison.Ordinal), $"{m.Relation} {m.Name} shares the head's surname");
                }
            }
        }

        var surnames = full.Households.GroupBy(h => h.Head.Name[..1]).OrderByDescending(g => g.Count()).Select(g => g.Key).Take(5).ToList();
        Assert.Subset(new HashSet<string> { "王", "李", "张", "刘", "陈", "杨" }, surnames.ToHashSet());
    }

    [Fact]
    public void Schooling_fits_the_age()
    {
        foreach (var m in full.Members)
        {
            var expected = m.Age switch
            {
                < 3 => [Vocabulary.NotSchoolAge],
                <= 5 => [Vocabulary.Preschool, Vocabulary.NotSchoolAge],
                <= 11 => [Vocabulary.Primary],
                <= 14 => [Vocabulary.Junior],
                <= 17 => [Vocabulary.Senior, Vocabulary.Vocational, Vocabulary.LeftSchool],
                <= 22 => [Vocabulary.College, Vocabulary.LeftSchool],
                _ => new[] { Vocabulary.LeftSchool },
            };
            Assert.Contains(m.SchoolingStatus, expected);
        }

        Assert.DoesNotContain(full.Members, m => m.SchoolingStatus == Vocabulary.Dropout);
    }

    [Fact]
    public void Health_labour_and_ethnicity_are_plausible()
    {
        foreach (var m in full.Members)
        {
            Assert.Contains(m.Health, new[] { Vocabulary.Healthy, Vocabulary.Chronic, Vocabulary.Serious, Vocabulary.Disabled });
            if (m.Health == Vocabulary.Disabled)
            {
                Assert.InRange(m.DisabilityGrade!.Value, 1, 4);
            }
            else
            {
                Assert.Null(m.DisabilityGrade);
            }

            Assert.Contains(m.LabourAbility, new[] { Vocabulary.LabourNormal, Vocabulary.LabourWeak, Vocabulary.LabourNone, Vocabulary.NotWorkingAge });
            if (m.Age < 16)
            {
                Assert.Equal(Vocabulary.NotWorkingAge, m.LabourAbility);
            }
        }

        var members = full.Members.ToList();
        Assert.InRange(members.Count(m => m.Ethnicity == "汉族") / (double)members.Count, 0.98, 1.0);
        var elderlyIll = members.Where(m => m.Age >= 60).Average(m => m.Health == Vocabulary.Healthy ? 0.0 : 1.0);
        var youngIll = members.Where(m => m.Age < 18).Average(m => m.Health == Vocabulary.Healthy ? 0.0 : 1.0);
        Assert.True(elderlyIll > 3 * youngIll, "health should worsen with age");
    }

    [Fact]
    public void Poverty_causes_come_from_the_national_list_illness_first()
    {
        foreach (var h in full.Households)
        {
            Assert.Contains(h.MainCause, Vocabulary.PovertyCauses);
            Assert.InRange(h.OtherCauses.Count, 0, 2);
            Assert.All(h.OtherCauses, c => Assert.Contains(c, Vocabulary.PovertyCauses));
            Assert.DoesNotContain(h.MainCause, h.OtherCauses);
            Assert.Equal(h.OtherCauses.Count, h.OtherCauses.Distinct().Count());
            if (h.MainCause == "illness")
            {
                Assert.Contains(h.Members, m => m.Health is Vocabulary.Chronic or Vocabulary.Serious);
            }

            if (h.MainCause == "disability")
            {
                Assert.Contains(h.Members, m => m.Health == Vocabulary.Disabled);
            }
        }

        var ranking = full.Households.GroupBy(h => h.MainCause).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
        Assert.Equal("illness", ranking[0]);
        Assert.Subset(new HashSet<string> { "illness", "capital", "skills", "disability", "labour" }, ranking.Take(4).ToHashSet());
    }

    [Fact]
    public void Phones_are_mobile_numbers()
    {
        Assert.All(full.Households, h =>
        {
            Assert.Equal(11, h.Phone.Length);
            Assert.True(h.Phone.All(char.IsAsciiDigit));
            Assert.Contains(h.Phone[..2], new[] { "13", "15", "18" });
        });
    }

    [Fact]
    public void Household_sizes_run_from_one_to_eight()
    {
        var sizes = full.Households.GroupBy(h => h.Members.Count).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(1, 8), sizes.Keys.Order());
        Assert.True(sizes[3] > sizes[6] && sizes[2] > sizes[7]);
    }

    [Fact]
    public void Records_copy_the_households()
    {
        var h = full.Households[1234];
        var record = h.ToRecord();
        Assert.Equal(h.HouseholdNumber, record.HouseholdNumber);
        Assert.Equal(h.VillageCode, record.VillageCode);
        Assert.Equal(Vocabulary.Poor, record.Status);
        Assert.Equal(h.RegisteredYear, record.RegisteredYear);
        Assert.Equal(h.OtherCauses, record.OtherCauses);
        Assert.Equal(h.Members.Select(m => m.IdNumber), record.Members.Select(m => m.IdNumber));
        Assert.Equal(h.Members.Select(m => m.DisabilityGrade), record.Members.Select(m => m.DisabilityGrade));
    }

    private static int AgeAt(DateOnly birthDate)
    {
        var age = Reference.Year - birthDate.Year;
        return birthDate > Reference.AddYears(-age) ? age - 1 : age;
    }
}
