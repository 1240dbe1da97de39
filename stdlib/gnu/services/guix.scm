;;; Services around Guix itself; guix-service-type lives in (gnu services base).

(define-module (gnu services guix)
  #:use-module (gnu services)
  #:use-module (gnu services base)
  #:re-export (guix-service-type
               guix-configuration
               guix-extension)
  #:export (guix-build-coordinator-service-type
            guix-data-service-type
            guix-home-service-type))

(define (inert-service-type name description)
  "Return a service type NAME without a default, that extends nothing."
  (service-type
    (name name)
    (extensions '())
    (description description)))

(define guix-build-coordinator-service-type
  (inert-service-type 'guix-build-coordinator "The Guix build coordinator."))
(define guix-data-service-type
  (inert-service-type 'guix-data-service "The Guix data service."))
(define guix-home-service-type
  (inert-service-type 'guix-home "Guix Home environments of users."))
