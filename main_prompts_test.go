package main

import (
	"context"
	"regexp"
	"strings"
	"testing"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// TestPromptsResourcesCompletionsOverStdio drives the demo binary with the
// official Go SDK's client, as a desktop host would: pick a prompt, let
// completion fill its estate, render it; attach a resource and a record.
func TestPromptsResourcesCompletionsOverStdio(t *testing.T) {
	for _, protocol := range []string{"", "2025-11-25"} {
		t.Run("protocol "+protocol, func(t *testing.T) {
			s, stderr := connect(t, protocol, nil, "--demo")
			ctx := context.Background()

			list, err := s.ListPrompts(ctx, nil)
			if err != nil {
				t.Fatalf("prompts/list: %v\n%s", err, stderr)
			}
			if len(list.Prompts) < 10 {
				t.Errorf("%d prompts with the default selection, want at least 10", len(list.Prompts))
			}

			done, err := s.Complete(ctx, &sdk.CompleteParams{
				Ref:      &sdk.CompleteReference{Type: "ref/prompt", Name: "estate_fact_sheet"},
				Argument: sdk.CompleteParamsArgument{Name: "estate_id", Value: "wohn"},
			})
			if err != nil || len(done.Completion.Values) == 0 {
				t.Fatalf("completion of estate_id: %v %v", done, err)
			}
			picked := done.Completion.Values[0]
			id := regexp.MustCompile(`^[0-9]+`).FindString(picked)

			got, err := s.GetPrompt(ctx, &sdk.GetPromptParams{Name: "estate_fact_sheet", Arguments: map[string]string{"estate_id": picked, "language": "en"}})
			if err != nil {
				t.Fatalf("prompts/get with the suggestion %q: %v", picked, err)
			}
			text := got.Messages[0].Content.(*sdk.TextContent).Text
			if !strings.Contains(text, "estate_read with id "+id) {
				t.Errorf("prompt text does not work on estate %s:\n%s", id, text)
			}

			resources, err := s.ListResources(ctx, nil)
			if err != nil || len(resources.Resources) == 0 {
				t.Fatalf("resources/list: %v %v", resources, err)
			}
			templates, err := s.ListResourceTemplates(ctx, nil)
			if err != nil || len(templates.ResourceTemplates) == 0 {
				t.Fatalf("resources/templates/list: %v %v", templates, err)
			}
			for _, uri := range []string{"onoffice://fields/estate", "onoffice://estate/" + id} {
				r, err := s.ReadResource(ctx, &sdk.ReadResourceParams{URI: uri})
				if err != nil || len(r.Contents) == 0 || r.Contents[0].Text == "" {
					t.Errorf("resources/read %s: %v %v", uri, r, err)
				}
			}
		})
	}
}

// TestPromptsLiveOnTheDemoDate: a --demo server pinned to a --demo-date
// has its demo data around that day, so "today" in prompts and in date
// completions is that day too, not the real one (the agenda would else
// ask for a day without appointments).
func TestPromptsLiveOnTheDemoDate(t *testing.T) {
	const day = "2026-06-01"
	s, stderr := connect(t, "", nil, "--demo", "--demo-date", day)
	ctx := context.Background()

	got, err := s.GetPrompt(ctx, &sdk.GetPromptParams{Name: "daily_agenda", Arguments: map[string]string{"language": "en"}})
	if err != nil {
		t.Fatalf("prompts/get daily_agenda: %v\n%s", err, stderr)
	}
	if text := got.Messages[0].Content.(*sdk.TextContent).Text; !strings.Contains(text, "agenda for "+day) {
		t.Errorf("daily_agenda without a date is not for the demo day %s:\n%s", day, text)
	}

	done, err := s.Complete(ctx, &sdk.CompleteParams{
		Ref:      &sdk.CompleteReference{Type: "ref/prompt", Name: "daily_agenda"},
		Argument: sdk.CompleteParamsArgument{Name: "date", Value: ""},
	})
	if err != nil || len(done.Completion.Values) == 0 {
		t.Fatalf("completion of date: %v %v", done, err)
	}
	if first := done.Completion.Values[0]; !strings.HasPrefix(first, day) {
		t.Errorf("first date suggestion %q, want the demo day %s", first, day)
	}
}
