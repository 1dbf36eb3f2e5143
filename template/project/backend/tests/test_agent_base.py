"""BaseAgent: a valid reply is parsed; failure, timeout and invalid replies fall back."""

from pydantic import BaseModel

from app.agents.base import BaseAgent
from app.llm import LLMError
from app.llm.fake import FakeLLMClient
from tests.helpers import ScriptedLLM


class Question(BaseModel):
    text: str


class Answer(BaseModel):
    answer: str
    confidence: float


class EchoAgent(BaseAgent[Question, Answer]):
    name = "echo"
    system_prompt = "Réponds en JSON."
    input_model = Question
    output_model = Answer

    def build_prompt(self, data: Question) -> str:
        return f"Question : {data.text}"

    def fallback(self, data: Question) -> Answer:
        return Answer(answer="inconnu", confidence=0.0)


async def test_valid_reply_is_parsed():
    llm = ScriptedLLM(reply='{"answer": "oui", "confidence": 0.9}')
    result = await EchoAgent(llm=llm).run(Question(text="Budget ?"))
    assert result.output == Answer(answer="oui", confidence=0.9)
    assert result.used_fallback is False
    assert llm.requests[0].prompt == "Question : Budget ?"
    assert llm.requests[0].system == "Réponds en JSON."
    assert llm.requests[0].response_schema == Answer.model_json_schema()


async def test_invalid_reply_takes_the_fallback():
    result = await EchoAgent(llm=ScriptedLLM(reply='{"answer": 1}')).run(Question(text="?"))
    assert result.used_fallback is True
    assert result.output.answer == "inconnu"
    assert result.error.startswith("invalid reply")


async def test_llm_error_takes_the_fallback():
    result = await EchoAgent(llm=ScriptedLLM(error=LLMError("down"))).run(Question(text="?"))
    assert result.used_fallback is True
    assert result.error == "llm error: down"


async def test_timeout_takes_the_fallback():
    agent = EchoAgent(llm=ScriptedLLM(reply="{}", delay=1.0), timeout=0.05)
    result = await agent.run(Question(text="?"))
    assert result.used_fallback is True
    assert result.error.startswith("timeout")


async def test_fake_llm_gives_a_valid_answer():
    result = await EchoAgent(llm=FakeLLMClient()).run(Question(text="?"))
    assert result.used_fallback is False
    assert isinstance(result.output.confidence, float)
