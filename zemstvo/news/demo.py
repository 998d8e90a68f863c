"""Demo content of the news module: for every demo municipality about fifteen news
items of the last three months, some with a PDF or an image, a few with residents'
comments. Deterministic (ctx.rng) and safe to run again: a municipality that already
has news gets nothing more."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from zemstvo.core.errors import DomainError
from zemstvo.core.registry import DemoContext
from zemstvo.core.territory.translit import transliterate
from zemstvo.news.demo_content import COMMENTS, STORIES
from zemstvo.news.models import NewsItem

PER_MUNICIPALITY = 15
DRAFTS = 2
DAYS_BACK = 90


def tiny_pdf(title: str) -> bytes:
    """A one-page PDF. The standard PDF fonts have no Cyrillic, so the page carries
    the title in Latin letters."""
    from fpdf import FPDF

    latin = transliterate(title).capitalize().encode("latin-1", "replace").decode("latin-1")
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.multi_cell(0, 8, latin, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=10)
    pdf.multi_cell(0, 6, "Zemstvo demo document.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def tiny_png(rng: Any) -> bytes:
    """A small picture of coloured stripes."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 200), (230, 238, 246))
    draw = ImageDraw.Draw(image)
    for row in range(5):
        colour = (rng.randint(40, 200), rng.randint(80, 200), rng.randint(100, 220))
        draw.rectangle((0, row * 40, 320, row * 40 + 30), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _author(ctx: DemoContext, slug: str) -> Any:
    staff = ctx.staff.get(slug, {})
    return staff.get("editor") or staff.get("administrator")


def generate_demo(ctx: DemoContext) -> None:
    from zemstvo.core.comments.services import comment_post
    from zemstvo.news import services

    for municipality in ctx.municipalities:
        if NewsItem.objects.filter(municipality=municipality).exists():
            continue
        author = _author(ctx, municipality.slug)
        if author is None:
            ctx.log(f"Новости: нет редактора в «{municipality.name}», пропускаю.")
            continue
        stories = ctx.rng.sample(STORIES, min(PER_MUNICIPALITY, len(STORIES)))
        moments = sorted(
            ctx.now - timedelta(days=ctx.rng.uniform(0.5, DAYS_BACK)) for _ in stories
        )
        for number, ((title, lead, paragraphs, attachment), moment) in enumerate(
            zip(stories, moments, strict=True)
        ):
            body = "\n\n".join(paragraphs).replace("{name}", municipality.name)
            files, cover = [], None
            if attachment == "pdf":
                files = [SimpleUploadedFile("dokument.pdf", tiny_pdf(title), "application/pdf")]
            elif attachment == "png":
                cover = SimpleUploadedFile("foto.png", tiny_png(ctx.rng), "image/png")
            item = services.news_create(
                actor=author, municipality=municipality, title=title, lead=lead, body=body,
                files=files, cover=cover,
            )
            if number >= len(stories) - DRAFTS:
                continue  # the newest two stay drafts for the office demo
            item = services.news_publish(actor=author, item=item, published_at=moment)
            for text in ctx.rng.sample(COMMENTS, ctx.rng.randint(0, 3)):
                if not ctx.residents:
                    break
                try:
                    comment_post(actor=ctx.rng.choice(ctx.residents), target=item, text=text)
                except DomainError as exc:  # e.g. a resident the comment policy refuses
                    ctx.log(f"Новости: комментарий не добавлен ({exc.message})")
        ctx.log(f"Новости: {len(stories)} в «{municipality.name}».")
