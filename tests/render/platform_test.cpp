// Platform: SDL events become InputEvents in window pixels; the display opens with no real screen
// (SDL's dummy video driver) and its event wait returns translated events.
#include <gtest/gtest.h>

#include <cstdlib>

#include "platform/clock.hpp"
#include "platform/display.hpp"
#include "platform/notify.hpp"
#include "platform/sdl_events.hpp"

namespace kiosk::platform {
namespace {

SDL_Event finger(Uint32 type, float x, float y, SDL_FingerID id, SDL_TouchID touch = 7) {
  SDL_Event e{};
  e.type = type;
  e.tfinger.touchId = touch;
  e.tfinger.fingerId = id;
  e.tfinger.x = x;
  e.tfinger.y = y;
  e.tfinger.timestamp = 1000;
  return e;
}

SDL_Event button(Uint32 type, int x, int y, Uint32 which = 0, Uint8 b = SDL_BUTTON_LEFT) {
  SDL_Event e{};
  e.type = type;
  e.button.which = which;
  e.button.button = b;
  e.button.x = x;
  e.button.y = y;
  e.button.timestamp = 1000;
  return e;
}

SDL_Event motion(int x, int y, Uint32 which = 0) {
  SDL_Event e{};
  e.type = SDL_MOUSEMOTION;
  e.motion.which = which;
  e.motion.x = x;
  e.motion.y = y;
  e.motion.timestamp = 1000;
  return e;
}

class Translate : public ::testing::Test {
 protected:
  void SetUp() override { t.set_sizes(1920, 1080, 1920, 1080); }
  std::optional<PlatformEvent> run(const SDL_Event& e) { return t.translate(e, 50'000, 1000); }
  EventTranslator t;
};

TEST_F(Translate, FingerCoordinatesBecomePixels) {
  const auto down = run(finger(SDL_FINGERDOWN, 0.5f, 0.25f, 3));
  ASSERT_TRUE(down);
  EXPECT_EQ(down->kind, PlatformEvent::Kind::Input);
  EXPECT_EQ(down->input.kind, InputEvent::Kind::PointerDown);
  EXPECT_EQ(down->input.pointer_id, 3);
  EXPECT_FLOAT_EQ(down->input.position.x, 960);
  EXPECT_FLOAT_EQ(down->input.position.y, 270);
  EXPECT_EQ(run(finger(SDL_FINGERMOTION, 0.6f, 0.25f, 3))->input.kind,
            InputEvent::Kind::PointerMove);
  const auto up = run(finger(SDL_FINGERUP, 1.2f, -0.1f, 3));
  EXPECT_EQ(up->input.kind, InputEvent::Kind::PointerUp);
  EXPECT_FLOAT_EQ(up->input.position.x, 1920);
  EXPECT_FLOAT_EQ(up->input.position.y, 0);
}

TEST_F(Translate, PortraitPanelScalesByItsOwnSize) {
  t.set_sizes(1080, 1920, 1080, 1920);
  const auto down = run(finger(SDL_FINGERDOWN, 0.5f, 0.5f, 1));
  EXPECT_FLOAT_EQ(down->input.position.x, 540);
  EXPECT_FLOAT_EQ(down->input.position.y, 960);
}

TEST_F(Translate, MouseIsTheFallbackAndSynthesisedEventsAreIgnored) {
  EXPECT_FALSE(run(button(SDL_MOUSEBUTTONDOWN, 10, 10, SDL_TOUCH_MOUSEID)));
  EXPECT_FALSE(run(motion(20, 20, SDL_TOUCH_MOUSEID)));
  EXPECT_FALSE(run(finger(SDL_FINGERDOWN, 0.1f, 0.1f, 0, SDL_MOUSE_TOUCHID)));
  EXPECT_FALSE(run(motion(20, 20))) << "hover is ignored";
  EXPECT_FALSE(run(button(SDL_MOUSEBUTTONDOWN, 10, 10, 0, SDL_BUTTON_RIGHT)));
  const auto down = run(button(SDL_MOUSEBUTTONDOWN, 100, 200));
  ASSERT_TRUE(down);
  EXPECT_EQ(down->input.kind, InputEvent::Kind::PointerDown);
  EXPECT_EQ(down->input.pointer_id, -1);
  EXPECT_FLOAT_EQ(down->input.position.x, 100);
  const auto move = run(motion(110, 190));
  ASSERT_TRUE(move);
  EXPECT_EQ(move->input.kind, InputEvent::Kind::PointerMove);
  const auto up = run(button(SDL_MOUSEBUTTONUP, 120, 180));
  ASSERT_TRUE(up);
  EXPECT_EQ(up->input.kind, InputEvent::Kind::PointerUp);
  EXPECT_FALSE(run(button(SDL_MOUSEBUTTONUP, 120, 180))) << "no second up";
}

TEST_F(Translate, HiDpiMouseCoordinatesScaleToDrawablePixels) {
  t.set_sizes(960, 540, 1920, 1080);
  const auto down = run(button(SDL_MOUSEBUTTONDOWN, 100, 50));
  EXPECT_FLOAT_EQ(down->input.position.x, 200);
  EXPECT_FLOAT_EQ(down->input.position.y, 100);
}

TEST_F(Translate, WheelDownScrollsContentUp) {
  SDL_Event e{};
  e.type = SDL_MOUSEWHEEL;
  e.wheel.y = -1;
  e.wheel.preciseY = -1.0f;
  e.wheel.mouseX = 300;
  e.wheel.mouseY = 400;
  e.wheel.direction = SDL_MOUSEWHEEL_NORMAL;
  const auto w = run(e);
  ASSERT_TRUE(w);
  EXPECT_EQ(w->input.kind, InputEvent::Kind::Wheel);
  EXPECT_FLOAT_EQ(w->input.delta.y, kWheelStepPx);
  EXPECT_FLOAT_EQ(w->input.position.x, 300);
  e.wheel.direction = SDL_MOUSEWHEEL_FLIPPED;
  EXPECT_FLOAT_EQ(run(e)->input.delta.y, -kWheelStepPx);
}

TEST_F(Translate, FocusLossEndsAMousePress) {
  ASSERT_TRUE(run(button(SDL_MOUSEBUTTONDOWN, 100, 200)));
  SDL_Event e{};
  e.type = SDL_WINDOWEVENT;
  e.window.event = SDL_WINDOWEVENT_FOCUS_LOST;
  const auto up = run(e);
  ASSERT_TRUE(up);
  EXPECT_EQ(up->input.kind, InputEvent::Kind::PointerUp);
  EXPECT_FALSE(run(e));
}

TEST_F(Translate, WindowKeyboardAndQuitEvents) {
  SDL_Event e{};
  e.type = SDL_WINDOWEVENT;
  e.window.event = SDL_WINDOWEVENT_SIZE_CHANGED;
  EXPECT_EQ(run(e)->kind, PlatformEvent::Kind::Resized);
  e.window.event = SDL_WINDOWEVENT_EXPOSED;
  EXPECT_EQ(run(e)->kind, PlatformEvent::Kind::Redraw);
  SDL_Event k{};
  k.type = SDL_KEYDOWN;
  k.key.keysym.sym = SDLK_ESCAPE;
  EXPECT_EQ(run(k)->input.kind, InputEvent::Kind::Back);
  k.key.keysym.sym = SDLK_a;
  EXPECT_FALSE(run(k));
  SDL_Event q{};
  q.type = SDL_QUIT;
  EXPECT_EQ(run(q)->kind, PlatformEvent::Kind::Quit);
  // The window manager's close (its button, Alt+F4) is a request the app may refuse (lockdown).
  SDL_Event c{};
  c.type = SDL_WINDOWEVENT;
  c.window.event = SDL_WINDOWEVENT_CLOSE;
  EXPECT_EQ(run(c)->kind, PlatformEvent::Kind::CloseRequested);
}

TEST_F(Translate, TimestampsAreMonotonicMillisecondsMinusTheEventsAge) {
  SDL_Event e = finger(SDL_FINGERDOWN, 0.5f, 0.5f, 1);
  e.tfinger.timestamp = 990;
  EXPECT_EQ(t.translate(e, 50'000, 1000)->input.time_ms, 49'990);
  e.tfinger.timestamp = 0xFFFFFFF0u;  // SDL's 32-bit ticks wrapped since
  EXPECT_EQ(t.translate(e, 50'000, 0x10)->input.time_ms, 50'000 - 0x20);
}

TEST(Clock, IsMonotonic) {
  const auto a = monotonic_ms();
  const auto b = monotonic_ms();
  EXPECT_LE(a, b);
}

TEST(Notify, IsANoOpWithoutSystemd) {
  unsetenv("NOTIFY_SOCKET");
  EXPECT_FALSE(notify_ready());
  EXPECT_FALSE(notify_watchdog());
  EXPECT_FALSE(notify_status("测试"));
  EXPECT_EQ(watchdog_interval_ms(), 0);
}

TEST(Display, OpensWithTheDummyDriverAndDeliversTranslatedEvents) {
  setenv("SDL_VIDEODRIVER", "dummy", 1);
  DisplayOptions options;
  options.fullscreen = false;
  options.width = 800;
  options.height = 600;
  auto opened = Display::open(options);
  ASSERT_TRUE(opened.ok()) << opened.error().what;
  auto display = std::move(opened).value();
  EXPECT_EQ(display->video_driver(), "dummy");
  EXPECT_EQ(display->renderer_name(), "software");
  EXPECT_EQ(display->width(), 800);
  EXPECT_EQ(display->height(), 600);
  EXPECT_EQ(SDL_IsScreenSaverEnabled(), SDL_FALSE);
  (void)display->wait_events(0);  // drain window-creation events
  SDL_Event e = finger(SDL_FINGERDOWN, 0.25f, 0.5f, 9);
  e.tfinger.timestamp = SDL_GetTicks();
  ASSERT_EQ(SDL_PushEvent(&e), 1);
  const auto events = display->wait_events(100);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_FLOAT_EQ(events[0].input.position.x, 200);
  EXPECT_FLOAT_EQ(events[0].input.position.y, 300);
  const auto before = monotonic_ms();
  EXPECT_TRUE(display->wait_events(30).empty());
  EXPECT_GE(monotonic_ms() - before, 25) << "waits for the timeout when nothing happens";
  display->present();
}

}  // namespace
}  // namespace kiosk::platform
