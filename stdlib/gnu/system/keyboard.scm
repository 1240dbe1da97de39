;;; Keyboard layouts, used by the console, X and the bootloader.

(define-module (gnu system keyboard)
  #:use-module (srfi srfi-9)
  #:export (keyboard-layout
            keyboard-layout?
            keyboard-layout-name
            keyboard-layout-variant
            keyboard-layout-model
            keyboard-layout-options))

(define-record-type <keyboard-layout>
  (%keyboard-layout name variant model options)
  keyboard-layout?
  (name keyboard-layout-name)
  (variant keyboard-layout-variant)
  (model keyboard-layout-model)
  (options keyboard-layout-options))

(define* (keyboard-layout name #:optional variant
                          #:key (model #f) (options '()))
  "Return the keyboard layout NAME (\"us\", \"fr\"...), with VARIANT (such
as \"altgr-intl\"), MODEL (such as \"pc105\") and OPTIONS (a list of XKB
options such as \"ctrl:nocaps\")."
  (%keyboard-layout name variant model options))
